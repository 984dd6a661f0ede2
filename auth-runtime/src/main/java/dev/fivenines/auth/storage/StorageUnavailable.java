package dev.fivenines.auth.storage;

/**
 * No storage region could serve a request: each was down, timed out, or skipped because its breaker is
 * open. The message names every region and why it was passed over.
 */
public final class StorageUnavailable extends RuntimeException {

    private final boolean timedOut;

    public StorageUnavailable(String message, boolean timedOut, Throwable lastCause) {
        super(message, lastCause);
        this.timedOut = timedOut;
    }

    /** Whether a region's answer took longer than its budget (rather than failing outright). */
    public boolean timedOut() {
        return timedOut;
    }
}

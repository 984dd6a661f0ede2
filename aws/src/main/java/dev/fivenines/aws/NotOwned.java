package dev.fivenines.aws;

/** The resource exists but Fivenines does not own it (no ownership tag or record, or another owner's): it is never changed or deleted; a person must remove it or adopt it explicitly. */
public final class NotOwned extends CloudException {

    public NotOwned(String message, String action, String region, Throwable cause) {
        super(message, action, region, cause);
    }

    public NotOwned(String message, String action, String region) {
        this(message, action, region, null);
    }

    @Override
    public String reason() {
        return "NotOwned";
    }

    @Override
    public boolean retryable() {
        return false;
    }
}

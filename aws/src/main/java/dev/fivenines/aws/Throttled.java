package dev.fivenines.aws;

/** AWS throttled the call (after the SDK's own retries); try again with backoff. */
public final class Throttled extends CloudException {

    /** The condition reason of a throttled call. */
    public static final String REASON = "Throttled";

    public Throttled(String message, String action, String region, Throwable cause) {
        super(message, action, region, cause);
    }

    public Throttled(String message, String action, String region) {
        this(message, action, region, null);
    }

    @Override
    public String reason() {
        return REASON;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}

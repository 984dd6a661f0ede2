package dev.fivenines.aws;

/** AWS throttled the call (after the SDK's own retries); try again with backoff. */
public final class Throttled extends CloudException {

    public Throttled(String message, String action, String region, Throwable cause) {
        super(message, action, region, cause);
    }

    public Throttled(String message, String action, String region) {
        this(message, action, region, null);
    }

    @Override
    public String reason() {
        return "Throttled";
    }

    @Override
    public boolean retryable() {
        return true;
    }
}

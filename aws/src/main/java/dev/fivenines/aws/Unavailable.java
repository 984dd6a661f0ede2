package dev.fivenines.aws;

/** AWS did not answer (connection refused or timed out, or a server error after the SDK's retries); try again later. */
public final class Unavailable extends CloudException {

    public Unavailable(String message, String action, String region, Throwable cause) {
        super(message, action, region, cause);
    }

    public Unavailable(String message, String action, String region) {
        this(message, action, region, null);
    }

    @Override
    public String reason() {
        return "Unavailable";
    }

    @Override
    public boolean retryable() {
        return true;
    }
}

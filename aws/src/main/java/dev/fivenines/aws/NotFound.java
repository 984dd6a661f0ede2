package dev.fivenines.aws;

/** The resource (table, hosted zone, health check) does not exist. */
public final class NotFound extends CloudException {

    public NotFound(String message, String action, String region, Throwable cause) {
        super(message, action, region, cause);
    }

    public NotFound(String message, String action, String region) {
        this(message, action, region, null);
    }

    @Override
    public String reason() {
        return "NotFound";
    }

    @Override
    public boolean retryable() {
        return false;
    }
}

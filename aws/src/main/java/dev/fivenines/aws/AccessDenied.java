package dev.fivenines.aws;

/** The caller may not perform the action: its IAM policy lacks the action, or AWS rejected its credentials. The message names the action. */
public final class AccessDenied extends CloudException {

    public AccessDenied(String message, String action, String region, Throwable cause) {
        super(message, action, region, cause);
    }

    public AccessDenied(String message, String action, String region) {
        this(message, action, region, null);
    }

    @Override
    public String reason() {
        return "AccessDenied";
    }

    @Override
    public boolean retryable() {
        return false;
    }
}

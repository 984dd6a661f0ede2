package dev.fivenines.aws;

/** AWS rejected the request as invalid; the message quotes AWS. Retrying the same request does not help. */
public final class InvalidRequest extends CloudException {

    public InvalidRequest(String message, String action, String region, Throwable cause) {
        super(message, action, region, cause);
    }

    public InvalidRequest(String message, String action, String region) {
        this(message, action, region, null);
    }

    @Override
    public String reason() {
        return "InvalidRequest";
    }

    @Override
    public boolean retryable() {
        return false;
    }
}

package dev.fivenines.aws;

import java.util.Optional;

/**
 * A failed call to AWS in terms the operator can act on: {@link #reason()} is a condition reason, the message says what
 * a person should do, {@link #retryable()} says whether trying again later can succeed on its own.
 */
public abstract sealed class CloudException extends RuntimeException
        permits AccessDenied, Throttled, ResourceBusy, NotFound, NotOwned, Unavailable, InvalidRequest {

    private final String action;
    private final String region;

    protected CloudException(String message, String action, String region, Throwable cause) {
        super(message, cause);
        this.action = action;
        this.region = region;
    }

    /** One CamelCase word for a condition's reason, e.g. {@code AccessDenied}. */
    public abstract String reason();

    /** True when the same call may succeed later without anyone changing anything. */
    public abstract boolean retryable();

    /** The IAM action of the failed call, e.g. {@code dynamodb:UpdateTable}. */
    public String action() {
        return action;
    }

    /** The region called, empty for Route 53 (a global service). */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }
}

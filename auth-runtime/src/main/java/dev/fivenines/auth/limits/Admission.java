package dev.fivenines.auth.limits;

/**
 * What {@link RateLimiter#admit} decided for one request.
 *
 * @param outcome admitted, or which limit blocked it
 * @param retryAfterSeconds for a blocked request, the {@code Retry-After} to send: whole seconds, at least 1, after
 *        which this replica admits the client again if it sends nothing meanwhile; 0 when admitted
 * @param limitRps for a blocked request, the limit that was hit as this replica enforces it (the configured limit
 *        divided by the replicas, rounded up); 0 when admitted
 * @param milestoneCrossed the milestone level (requests per second) that the client's rate reached with this
 *        request for the first time in the current milestone window, to be logged; 0 for none
 */
public record Admission(Outcome outcome, int retryAfterSeconds, int limitRps, int milestoneCrossed) {

    public enum Outcome {
        ADMITTED,
        /** the client's own rate is at its limit */
        BLOCKED_CLIENT_LIMIT,
        /** the tenant's clients together are at the tenant-wide limit */
        BLOCKED_TENANT_LIMIT
    }

    static final Admission ADMITTED = new Admission(Outcome.ADMITTED, 0, 0, 0);

    public Admission {
        if (outcome == null) {
            throw new IllegalArgumentException("outcome is required");
        }
    }

    static Admission milestone(int level) {
        return new Admission(Outcome.ADMITTED, 0, 0, level);
    }

    static Admission blocked(Outcome outcome, int retryAfterSeconds, int limitRps) {
        return new Admission(outcome, retryAfterSeconds, limitRps, 0);
    }

    public boolean admitted() {
        return outcome == Outcome.ADMITTED;
    }

    public boolean blocked() {
        return outcome != Outcome.ADMITTED;
    }
}

package dev.fivenines.testing.aws;

import java.time.Instant;
import java.util.Optional;

/**
 * What one simulated Route 53 health checker reports of one endpoint, by Route 53's rule: a new health check counts
 * as healthy; the checker reports Failure after {@code failureThreshold} consecutive failed probes and Success again
 * after {@code failureThreshold} consecutive successful ones. The report is the text of the latest probe that agrees
 * with the reported status.
 */
final class CheckerState {

    static final String NOT_YET_PROBED = "Success: New health check, healthy until the checkers have enough data";

    private boolean healthy = true;
    private int disagreeing;
    private String report = NOT_YET_PROBED;
    private Instant checkedAt;

    /** Takes one probe's result into account. */
    synchronized void record(ProbeResult result, Instant at, int failureThreshold) {
        if (result.success() == healthy) {
            disagreeing = 0;
        } else if (++disagreeing >= failureThreshold) {
            healthy = result.success();
            disagreeing = 0;
        } else {
            return;
        }
        report = result.report();
        checkedAt = at;
    }

    synchronized boolean healthy() {
        return healthy;
    }

    synchronized String report() {
        return report;
    }

    /** When the probe behind the report ran; empty before the first probe. */
    synchronized Optional<Instant> checkedAt() {
        return Optional.ofNullable(checkedAt);
    }
}

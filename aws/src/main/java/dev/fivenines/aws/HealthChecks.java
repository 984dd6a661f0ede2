package dev.fivenines.aws;

import java.util.List;

/**
 * Route 53 health checks in domain terms. A health check is the owner's when Fivenines created it for that owner:
 * its CallerReference starts with a hash of the owner, and it carries the {@link Ownership#OWNER_TAG} tag with the
 * owner. Health checks of anyone else are never changed or deleted ({@link NotOwned}). Every method throws a
 * {@link CloudException} when AWS fails or refuses.
 */
public interface HealthChecks {

    /**
     * The owner's health checks (normally one; two while one replaces another). One whose tagging was interrupted
     * (created, not yet tagged) is tagged now and included.
     */
    List<HealthCheck> findByOwner(String owner);

    /**
     * Creates a health check for the owner, or returns the owner's existing one with the same spec, so that a retried
     * call does not create a second one.
     */
    HealthCheck create(String owner, HealthCheckSpec spec);

    /**
     * Changes the owner's health check to the spec (a no-op when it already matches). Throws
     * {@link IllegalArgumentException} when the change {@linkplain HealthCheckSpec#requiresReplacement needs a new
     * health check}, {@link NotFound} when it is gone, {@link NotOwned} when it is not the owner's.
     */
    HealthCheck update(String owner, String id, HealthCheckSpec spec);

    /**
     * Deletes the owner's health check; false when it was already gone. Route 53 does not refuse to delete a health
     * check that a record still refers to (the record's failover then rests on a health check that is gone): point the
     * record elsewhere first. Should Route 53 refuse anyway (its former HealthCheckInUse), that is {@link ResourceBusy}.
     */
    boolean delete(String owner, String id);

    /**
     * What Route 53's checkers see of a health check now, and its inverted and disabled flags: any health check, not
     * only the owner's (a backup reads its primary's). {@link NotFound} when it does not exist.
     */
    HealthCheckStatus status(String id);
}

package dev.fivenines.api.v1alpha1;

/** What Route 53 does with a deployment's failover record now, by its failover rules. */
public enum ServingRole {
    /** Route 53 answers the record name with this deployment. */
    Active,
    /** A secondary whose primary is healthy: it waits, answering nothing. */
    Standby,
    /** A primary that Route 53 routes away from because its health check fails: its secondary answers. */
    FailedOver,
    /** A primary routed away from by hand (spec.evacuate): its secondary answers. */
    Evacuated,
    /** Its health or its partner's could not be read. */
    Unknown
}

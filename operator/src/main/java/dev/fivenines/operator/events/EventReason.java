package dev.fivenines.operator.events;

/** The reasons of the Kubernetes Events the operator emits; they match condition reasons. */
public enum EventReason {
    /** The workload reached the declared number of available replicas. */
    WorkloadReady("Normal"),
    /** The workload lost availability. */
    WorkloadUnavailable("Warning"),
    /** An AWS resource could not be made as declared and will not be without a change (permissions, ownership). */
    CloudResourceFailed("Warning"),
    /** A Route 53 record made outside Fivenines was taken over on request (spec.dns.adoptExisting). */
    RecordAdopted("Normal"),
    /** A hand edit or deletion of a managed object was put back. */
    DriftCorrected("Warning"),
    /** The referenced AuthBlueprint does not exist. */
    BlueprintNotFound("Warning"),
    /** A new blueprint revision was applied. */
    RevisionApplied("Normal"),
    /** The reliability model of a blueprint cannot reach its target. */
    ReliabilityInfeasible("Warning"),
    /** The reliability model of a blueprint reaches its target. */
    ReliabilityFeasible("Normal");

    private final String type;

    EventReason(String type) {
        this.type = type;
    }

    public String type() {
        return type;
    }
}

package dev.fivenines.api.v1alpha1;

/** The condition types the operator writes. */
public final class ConditionTypes {

    /** The summary: the deployment serves (or is another region's), or the blueprint's local deployments all do. */
    public static final String READY = "Ready";
    /** The Deployment has every declared replica available. */
    public static final String WORKLOAD_READY = "WorkloadReady";
    /** The region's DynamoDB replica is ACTIVE. */
    public static final String TABLE_REPLICA_READY = "TableReplicaReady";
    /** The Route 53 health check exists as declared. */
    public static final String HEALTH_CHECK_READY = "HealthCheckReady";
    /** The Route 53 record exists as declared. */
    public static final String DNS_RECORD_READY = "DnsRecordReady";
    /** Every managed object matches the declaration (drift, if any, was put back). */
    public static final String IN_SYNC = "InSync";
    /** The referenced AuthBlueprint exists. */
    public static final String BLUEPRINT_FOUND = "BlueprintFound";
    /**
     * kstatus: True while the operator is still working towards the spec (a rollout, a workload becoming available,
     * AWS settling a change); False when nothing is left to do or it is stalled.
     */
    public static final String RECONCILING = "Reconciling";
    /** kstatus: True when the operator cannot make progress until a person changes something (spec, RBAC, IAM, AWS). */
    public static final String STALLED = "Stalled";
    /** The blueprint's reliability model reaches its target availability. */
    public static final String RELIABILITY_FEASIBLE = "ReliabilityFeasible";

    /** Route 53 considers the deployment healthy (its health check, as the checkers see it). */
    public static final String HEALTHY = "Healthy";
    /** spec.evacuate is in effect (True) or refused (False, with the reason). */
    public static final String EVACUATED = "Evacuated";

    private ConditionTypes() {
    }
}

package dev.fivenines.api.v1alpha1;

/** The condition types the operator writes. */
public final class ConditionTypes {

    /** The summary: the deployment serves, or the blueprint's deployments all do. */
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
    /** The blueprint's reliability model reaches its target availability. */
    public static final String RELIABILITY_FEASIBLE = "ReliabilityFeasible";

    private ConditionTypes() {
    }
}

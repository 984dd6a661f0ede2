package dev.fivenines.api.v1alpha1;

/**
 * What {@code kubectl explain} says about each kind, its spec and its status: the field descriptions come from
 * {@code @JsonPropertyDescription}, but this generator reads no class-level description, so {@link SchemaDescriptions}
 * sets these.
 */
final class ApiDescriptions {

    static final String BLUEPRINT = """
            {"kind": "The one template of an auth service: everything that must be identical in every region (runtime \
            image and version, replicas and resources, tokens, storage, limits, the deep health check, the rollout policy and \
            the reliability model). AuthDeployments refer to it by name; a change reaches them bucket by bucket.",
             "spec": "What every deployment of this blueprint runs. Each change is a new revision (a stable \
            hash of the spec without spec.rollout), recorded as a ControllerRevision and rolled out by customer bucket.",
             "status": "What the operator of this cluster observed: the revision, the deployments it \
            reconciles (readyDeployments; those of other regions are counted in remoteDeployments), the rollout, the \
            reliability verdict, and the conditions Ready, Reconciling, Stalled (kstatus) and ReliabilityFeasible."}
            """;

    static final String DEPLOYMENT = """
            {"kind": "One deployment of an AuthBlueprint in one AWS region: Primary, Backup, Edge or Dedicated, with \
            only what may legitimately differ (region, backup target, failover chain, customer, rollout bucket, DNS, declared \
            overrides). The operator of its region builds its workload, DynamoDB replica and Route 53 records; other \
            clusters' operators report it as NotLocal.",
             "spec": "The region and variant of this deployment and its declared differences from the \
            blueprint; nothing else can differ.",
             "status": "What the operator of this cluster observed: the phase, the blueprint revision and \
            runtime version applied, drift put back, and the conditions Ready, Reconciling, Stalled (kstatus), InSync, \
            BlueprintFound, WorkloadReady and the AWS ones."}
            """;

    private ApiDescriptions() {
    }
}

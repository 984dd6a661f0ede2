package dev.fivenines.operator.cloud;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.DnsSpec;
import dev.fivenines.operator.config.OperatorConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The AWS resources of AuthDeployments: DynamoDB replicas ({@link TableReplicaStep}) and Route 53 health checks and
 * records ({@link DnsStep}), planned from the blueprint and the deployment.
 */
@ApplicationScoped
public class CloudResources {

    private final OperatorConfig config;
    private final TableDefinitions definitions;
    private final TableReplicaStep replicas;
    private final DnsStep dns;

    public CloudResources(OperatorConfig config, TableDefinitions definitions, TableReplicaStep replicas, DnsStep dns) {
        this.config = config;
        this.definitions = definitions;
        this.replicas = replicas;
        this.dns = dns;
    }

    public boolean enabled() {
        return config.aws().enabled();
    }

    public CloudPlan plan(AuthBlueprint blueprint, AuthDeployment deployment) {
        return CloudPlan.of(blueprint, deployment, definitions);
    }

    /** @param dns the deployment's DNS as settled ({@link dev.fivenines.operator.failover.BackupPairing}) */
    public CloudPlan plan(AuthBlueprint blueprint, AuthDeployment deployment, Optional<DnsSpec> dns) {
        return CloudPlan.of(blueprint, deployment, dns, definitions, Optional.empty());
    }

    /**
     * @param dns the deployment's DNS as settled ({@link dev.fivenines.operator.failover.BackupPairing})
     * @param loadBalancer what the deployment's Service reports in status.loadBalancer (the alias record's target)
     */
    public CloudPlan plan(AuthBlueprint blueprint, AuthDeployment deployment, Optional<DnsSpec> dns, Optional<String> loadBalancer) {
        return CloudPlan.of(blueprint, deployment, dns, definitions, loadBalancer);
    }

    /** The tables' step alone, for a deployment whose DNS cannot be settled: its Route 53 objects are left as they are. */
    public CloudOutcome ensureTables(CloudPlan plan, Collection<String> wasReady, boolean tablesExisted) {
        return replicas.ensure(plan, wasReady.contains(ConditionTypes.TABLE_REPLICA_READY), tablesExisted);
    }

    /**
     * One pass over the deployment's AWS resources.
     *
     * @param wasReady the cloud conditions that were True at the same blueprint revision and generation
     */
    public List<CloudOutcome> ensure(CloudPlan plan, Collection<String> wasReady) {
        return ensure(plan, wasReady, false);
    }

    /** @param tablesExisted the tables were there before (see {@link TableReplicaStep#ensure(CloudPlan, boolean, boolean)}) */
    public List<CloudOutcome> ensure(CloudPlan plan, Collection<String> wasReady, boolean tablesExisted) {
        List<CloudOutcome> outcomes = new ArrayList<>();
        outcomes.add(replicas.ensure(plan, wasReady.contains(ConditionTypes.TABLE_REPLICA_READY), tablesExisted));
        outcomes.addAll(dns.ensure(plan, wasReady.contains(ConditionTypes.HEALTH_CHECK_READY),
                wasReady.contains(ConditionTypes.DNS_RECORD_READY)));
        return outcomes;
    }

    /**
     * What a deleted deployment leaves behind: its record and health checks go when {@code removeDns} says so (the
     * caller applies spec.dns.deletionPolicy); its replica goes as {@link TableReplicaStep#remove} decides, given the
     * blueprint's other deployments ({@code others} may include the deleted one and deployments of other blueprints:
     * they are left out here).
     */
    public void remove(AuthBlueprint blueprint, AuthDeployment deployment, Collection<AuthDeployment> others, boolean removeDns) {
        CloudPlan plan = plan(blueprint, deployment);
        if (removeDns) {
            dns.remove(plan);
        }
        replicas.remove(plan, () -> others.stream()
                .filter(o -> !o.getMetadata().getName().equals(deployment.getMetadata().getName()))
                .filter(o -> blueprint.getMetadata().getName().equals(o.getSpec().getBlueprint()))
                .map(o -> plan(blueprint, o))
                .toList());
    }
}

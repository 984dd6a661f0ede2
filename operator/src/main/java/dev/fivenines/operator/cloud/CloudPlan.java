package dev.fivenines.operator.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.DeletionPolicy;
import dev.fivenines.api.v1alpha1.DnsSpec;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.aws.Failover;
import dev.fivenines.aws.FailoverRecord;
import dev.fivenines.aws.HealthCheckSpec;
import dev.fivenines.aws.RecordType;
import dev.fivenines.aws.TableSpec;

/**
 * The AWS resources one AuthDeployment needs, as a pure function of its blueprint and spec: the tables
 * (created in the blueprint's home region) with replicas in the deployment's region and, for an edge, in
 * its failover regions; and, when it declares {@code dns}, a health check of its deep health endpoint
 * and its failover record.
 *
 * @param tableOwner who owns the tables: the blueprint ({@code namespace/name})
 * @param owner who owns the health check and record: the deployment ({@code namespace/name})
 * @param replicaRegions the deployment's own region first, then an edge's failover regions
 * @param deleteReplica the blueprint's deletion policy is Delete: the deployment's replica may go with it
 */
public record CloudPlan(String tableOwner, String owner, String homeRegion, List<TableSpec> tables, List<String> replicaRegions,
        boolean adoptExisting, boolean deleteReplica, Optional<HealthCheckSpec> healthCheck, Optional<RecordPlan> record) {

    private static final Pattern IPV4 = Pattern.compile("^([0-9]{1,3}\\.){3}[0-9]{1,3}$");
    /** Route 53 answers change within this many seconds of a failover, on top of detection. */
    static final long RECORD_TTL_SECONDS = 60;
    static final int HEALTH_CHECK_PORT = 443;

    /** The failover record, waiting for the id of its health check. */
    public record RecordPlan(String zoneId, String name, RecordType type, String setIdentifier, Failover failover, List<String> values) {

        public FailoverRecord with(Optional<String> healthCheckId) {
            return FailoverRecord.of(name, type, setIdentifier, failover, healthCheckId, RECORD_TTL_SECONDS, values);
        }
    }

    public static CloudPlan of(AuthBlueprint blueprint, AuthDeployment deployment, TableDefinitions definitions) {
        var storage = blueprint.getSpec().getStorage();
        String tableOwner = owner(blueprint.getMetadata().getNamespace(), blueprint.getMetadata().getName());
        List<TableSpec> tables = definitions.specs(storage.getTablePrefix(), tableOwner);
        List<String> replicaRegions = new ArrayList<>();
        replicaRegions.add(deployment.getSpec().getRegion());
        if (deployment.getSpec().getVariant() == Variant.Edge && deployment.getSpec().getFailoverRegions() != null) {
            deployment.getSpec().getFailoverRegions().stream().filter(r -> !replicaRegions.contains(r)).forEach(replicaRegions::add);
        }
        DnsSpec dns = deployment.getSpec().getDns();
        Optional<HealthCheckSpec> healthCheck = Optional.empty();
        Optional<RecordPlan> record = Optional.empty();
        if (dns != null) {
            var check = blueprint.getSpec().getHealthCheck();
            healthCheck = Optional.of(HealthCheckSpec.https(dns.getTarget(), HEALTH_CHECK_PORT, check.getPath(),
                    check.getIntervalSeconds(), check.getFailureThreshold()));
            RecordType type = IPV4.matcher(dns.getTarget()).matches() ? RecordType.A : RecordType.CNAME;
            Failover failover = deployment.getSpec().getVariant() == Variant.Backup ? Failover.SECONDARY : Failover.PRIMARY;
            record = Optional.of(new RecordPlan(dns.getZoneId(), dns.getRecordName(), type, deployment.getMetadata().getName(),
                    failover, List.of(dns.getTarget())));
        }
        return new CloudPlan(tableOwner, owner(deployment.getMetadata().getNamespace(), deployment.getMetadata().getName()),
                storage.getHomeRegion(), tables, List.copyOf(replicaRegions), Boolean.TRUE.equals(storage.getAdoptExisting()),
                storage.getDeletionPolicy() == DeletionPolicy.Delete, healthCheck, record);
    }

    /** The deployment's own region. */
    public String region() {
        return replicaRegions.get(0);
    }

    public static String owner(String namespace, String name) {
        return namespace + "/" + name;
    }
}

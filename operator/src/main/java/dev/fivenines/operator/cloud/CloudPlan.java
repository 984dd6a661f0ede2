package dev.fivenines.operator.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.DeletionPolicy;
import dev.fivenines.api.v1alpha1.DnsSpec;
import dev.fivenines.api.v1alpha1.HealthCheckScheme;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.aws.Failover;
import dev.fivenines.aws.FailoverRecord;
import dev.fivenines.aws.HealthCheckProtocol;
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
 * @param adoptRecords spec.dns.adoptExisting: records at the name that Fivenines did not create are taken over
 */
public record CloudPlan(String tableOwner, String owner, String homeRegion, List<TableSpec> tables, List<String> replicaRegions,
        boolean adoptExisting, boolean deleteReplica, Optional<HealthCheckSpec> healthCheck, Optional<RecordPlan> record,
        boolean createMissingTables, boolean adoptRecords) {

    /** The blueprint annotation that lets the operator create again, empty, tables that disappeared. */
    public static final String CREATE_MISSING_TABLES = "fivenines.dev/create-missing-tables";

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
        return of(blueprint, deployment, Optional.ofNullable(deployment.getSpec().getDns()), definitions);
    }

    /** @param dns the deployment's DNS as settled (a Backup's zone and record name come from its primary) */
    public static CloudPlan of(AuthBlueprint blueprint, AuthDeployment deployment, Optional<DnsSpec> dns, TableDefinitions definitions) {
        var storage = blueprint.getSpec().getStorage();
        String tableOwner = owner(blueprint.getMetadata().getNamespace(), blueprint.getMetadata().getName());
        List<TableSpec> tables = definitions.specs(storage.getTablePrefix(), tableOwner);
        List<String> replicaRegions = new ArrayList<>();
        replicaRegions.add(deployment.getSpec().getRegion());
        if (deployment.getSpec().getVariant() == Variant.Edge && deployment.getSpec().getFailoverRegions() != null) {
            deployment.getSpec().getFailoverRegions().stream().filter(r -> !replicaRegions.contains(r)).forEach(replicaRegions::add);
        }
        Optional<HealthCheckSpec> healthCheck = Optional.empty();
        Optional<RecordPlan> record = Optional.empty();
        if (dns.isPresent()) {
            var check = blueprint.getSpec().getHealthCheck();
            boolean ip = IPV4.matcher(dns.get().getTarget()).matches();
            HealthCheckProtocol protocol = check.getProtocol() == HealthCheckScheme.HTTP ? HealthCheckProtocol.HTTP : HealthCheckProtocol.HTTPS;
            int port = check.getPort() == null ? HEALTH_CHECK_PORT : check.getPort();
            // an IP target is called as an IP address, a name as a name (with SNI over HTTPS)
            healthCheck = Optional.of(new HealthCheckSpec(protocol, ip ? Optional.empty() : Optional.of(dns.get().getTarget()),
                    ip ? Optional.of(dns.get().getTarget()) : Optional.empty(), port, check.getPath(), check.getIntervalSeconds(),
                    check.getFailureThreshold()));
            RecordType type = ip ? RecordType.A : RecordType.CNAME;
            Failover failover = deployment.getSpec().getVariant() == Variant.Backup ? Failover.SECONDARY : Failover.PRIMARY;
            record = Optional.of(new RecordPlan(dns.get().getZoneId(), dns.get().getRecordName(), type, deployment.getMetadata().getName(),
                    failover, List.of(dns.get().getTarget())));
        }
        return new CloudPlan(tableOwner, owner(deployment.getMetadata().getNamespace(), deployment.getMetadata().getName()),
                storage.getHomeRegion(), tables, List.copyOf(replicaRegions), Boolean.TRUE.equals(storage.getAdoptExisting()),
                storage.getDeletionPolicy() == DeletionPolicy.Delete, healthCheck, record,
                blueprint.getMetadata().getAnnotations() != null && "true".equals(blueprint.getMetadata().getAnnotations().get(CREATE_MISSING_TABLES)),
                dns.map(d -> Boolean.TRUE.equals(d.getAdoptExisting())).orElse(false));
    }

    /** The same plan with the health check inverted or not (an evacuation, {@code spec.evacuate}). */
    public CloudPlan withHealthCheckInverted(boolean inverted) {
        return new CloudPlan(tableOwner, owner, homeRegion, tables, replicaRegions, adoptExisting, deleteReplica,
                healthCheck.map(check -> check.withInverted(inverted)), record, createMissingTables, adoptRecords);
    }

    /** The deployment's own region. */
    public String region() {
        return replicaRegions.get(0);
    }

    public static String owner(String namespace, String name) {
        return namespace + "/" + name;
    }
}

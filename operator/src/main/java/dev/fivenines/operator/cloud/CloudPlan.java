package dev.fivenines.operator.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.DeletionPolicy;
import dev.fivenines.api.v1alpha1.DnsSpec;
import dev.fivenines.api.v1alpha1.ExposureSpec;
import dev.fivenines.api.v1alpha1.HealthCheckScheme;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.aws.AliasTarget;
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
        boolean createMissingTables, boolean adoptRecords, Optional<TargetProblem> targetProblem) {

    /** The blueprint annotation that lets the operator create again, empty, tables that disappeared. */
    public static final String CREATE_MISSING_TABLES = "fivenines.dev/create-missing-tables";

    private static final Pattern IPV4 = Pattern.compile("^([0-9]{1,3}\\.){3}[0-9]{1,3}$");
    /** Route 53 answers change within this many seconds of a failover, on top of detection (spec.dns.ttlSeconds). */
    static final long RECORD_TTL_SECONDS = 60;
    static final int HEALTH_CHECK_PORT = 443;

    /**
     * The failover record, waiting for the id of its health check: with a TTL and values (a target given by hand), or
     * an alias to the deployment's load balancer. Both empty while that load balancer is not known yet
     * ({@link CloudPlan#targetProblem()} says why): the record's slot (zone, name, set identifier) is known all the same,
     * for reading and removal.
     */
    public record RecordPlan(String zoneId, String name, RecordType type, String setIdentifier, Failover failover, List<String> values,
            long ttl, Optional<AliasTarget> alias) {

        public FailoverRecord with(Optional<String> healthCheckId) {
            return alias.isPresent() ? FailoverRecord.alias(name, type, setIdentifier, failover, healthCheckId, alias.get())
                    : FailoverRecord.of(name, type, setIdentifier, failover, healthCheckId, ttl, values);
        }
    }

    /**
     * Why the record's target is not known: the load balancer is not there yet (retrying settles it), or nothing names
     * a target (a declaration to fix).
     */
    public record TargetProblem(String reason, String message, boolean settling) {
    }

    public static CloudPlan of(AuthBlueprint blueprint, AuthDeployment deployment, TableDefinitions definitions) {
        return of(blueprint, deployment, Optional.ofNullable(deployment.getSpec().getDns()), definitions, Optional.empty());
    }

    /**
     * @param dns the deployment's DNS as settled (a Backup's zone and record name come from its primary)
     * @param loadBalancer the host name (or IP address) the deployment's Service reports in status.loadBalancer, or with a
     *        Gateway exposure the Gateway's first address, if any
     */
    public static CloudPlan of(AuthBlueprint blueprint, AuthDeployment deployment, Optional<DnsSpec> dns, TableDefinitions definitions,
            Optional<String> loadBalancer) {
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
        Optional<TargetProblem> problem = Optional.empty();
        if (dns.isPresent()) {
            var check = blueprint.getSpec().getHealthCheck();
            var exposure = blueprint.getSpec().getExposure();
            Failover failover = deployment.getSpec().getVariant() == Variant.Backup ? Failover.SECONDARY : Failover.PRIMARY;
            String setIdentifier = deployment.getMetadata().getName();
            long ttl = dns.get().getTtlSeconds() == null ? RECORD_TTL_SECONDS : dns.get().getTtlSeconds();
            // the health check calls what the record points at, the way its traffic arrives: HTTPS on 443 through a load
            // balancer ending TLS or a target given by hand, HTTP on 80 through a plain load balancer; declared values win
            boolean plainLoadBalancer = ExposureSpec.loadBalanced(exposure) && ExposureSpec.loadBalancer(exposure).getCertificateArn() == null;
            HealthCheckProtocol protocol = check.getProtocol() != null
                    ? (check.getProtocol() == HealthCheckScheme.HTTP ? HealthCheckProtocol.HTTP : HealthCheckProtocol.HTTPS)
                    : (plainLoadBalancer ? HealthCheckProtocol.HTTP : HealthCheckProtocol.HTTPS);
            int port = check.getPort() != null ? check.getPort() : (plainLoadBalancer ? 80 : HEALTH_CHECK_PORT);
            String target = dns.get().getTarget();
            Optional<AliasTarget> alias = Optional.empty();
            if (target == null && ExposureSpec.loadBalanced(exposure)) {
                if (loadBalancer.isEmpty()) {
                    problem = Optional.of(new TargetProblem("LoadBalancerPending", "waiting for the load balancer of Service "
                            + setIdentifier + " (its status.loadBalancer is empty: is the AWS Load Balancer Controller installed?); "
                            + "the record will be an alias to it", true));
                } else if (IPV4.matcher(loadBalancer.get()).matches()) {
                    // a load balancer known by its address (not an AWS one): a plain A record to it
                    target = loadBalancer.get();
                } else {
                    Optional<String> zone = LoadBalancerZones.hostedZone(ExposureSpec.loadBalancer(exposure).getHostedZoneId(),
                            loadBalancer.get(), deployment.getSpec().getRegion());
                    if (zone.isEmpty()) {
                        problem = Optional.of(new TargetProblem("LoadBalancerZoneUnknown", "the canonical hosted zone of load balancer "
                                + loadBalancer.get() + " is not known for region " + deployment.getSpec().getRegion()
                                + ": set spec.exposure.loadBalancer.hostedZoneId", false));
                    } else {
                        target = loadBalancer.get();
                        alias = Optional.of(new AliasTarget(zone.get(), target, true));
                    }
                }
            } else if (target == null && ExposureSpec.gateway(exposure) != null) {
                if (loadBalancer.isEmpty()) {
                    problem = Optional.of(new TargetProblem("GatewayAddressPending", "waiting for Gateway "
                            + ExposureSpec.gateway(exposure).getName() + " to report an address (status.addresses); the record "
                            + "will point at it", true));
                } else {
                    // a Gateway's address: an IP as an A record, a name as a CNAME
                    target = loadBalancer.get();
                }
            } else if (target == null) {
                problem = Optional.of(new TargetProblem("NoTarget", "spec.dns.target is required unless the blueprint's "
                        + "spec.exposure.type is LoadBalancer or Gateway (then the record points at what it reports)", false));
            }
            if (target != null) {
                boolean ip = IPV4.matcher(target).matches();
                // an IP target is called as an IP address, a name as a name (with SNI over HTTPS)
                healthCheck = Optional.of(new HealthCheckSpec(protocol, ip ? Optional.empty() : Optional.of(target),
                        ip ? Optional.of(target) : Optional.empty(), port, check.getPath(), check.getIntervalSeconds(),
                        check.getFailureThreshold()));
            }
            RecordType type = alias.isPresent() || target == null || IPV4.matcher(target).matches() ? RecordType.A : RecordType.CNAME;
            record = Optional.of(new RecordPlan(dns.get().getZoneId(), dns.get().getRecordName(), type, setIdentifier, failover,
                    alias.isPresent() || target == null ? List.of() : List.of(target), ttl, alias));
        }
        return new CloudPlan(tableOwner, owner(deployment.getMetadata().getNamespace(), deployment.getMetadata().getName()),
                storage.getHomeRegion(), tables, List.copyOf(replicaRegions), Boolean.TRUE.equals(storage.getAdoptExisting()),
                storage.getDeletionPolicy() == DeletionPolicy.Delete, healthCheck, record,
                blueprint.getMetadata().getAnnotations() != null && "true".equals(blueprint.getMetadata().getAnnotations().get(CREATE_MISSING_TABLES)),
                dns.map(d -> Boolean.TRUE.equals(d.getAdoptExisting())).orElse(false), problem);
    }

    /** The same plan with the health check inverted or not (an evacuation, {@code spec.evacuate}). */
    public CloudPlan withHealthCheckInverted(boolean inverted) {
        return new CloudPlan(tableOwner, owner, homeRegion, tables, replicaRegions, adoptExisting, deleteReplica,
                healthCheck.map(check -> check.withInverted(inverted)), record, createMissingTables, adoptRecords, targetProblem);
    }

    /** The deployment's own region. */
    public String region() {
        return replicaRegions.get(0);
    }

    public static String owner(String namespace, String name) {
        return namespace + "/" + name;
    }
}

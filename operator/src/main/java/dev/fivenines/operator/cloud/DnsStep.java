package dev.fivenines.operator.cloud;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.aws.CloudException;
import dev.fivenines.aws.DnsRecord;
import dev.fivenines.aws.DnsRecords;
import dev.fivenines.aws.FailoverRecord;
import dev.fivenines.aws.HealthCheck;
import dev.fivenines.aws.HealthCheckSpec;
import dev.fivenines.aws.HealthChecks;
import dev.fivenines.operator.drift.Drift;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Route 53 side of an AuthDeployment: a health check of its deep health endpoint and its failover
 * record, both owned by the deployment. A health check whose protocol or interval changed is replaced
 * (Route 53 cannot change those): the new one is created, the record pointed at it, then the old one
 * deleted. Records and health checks that Fivenines does not own are never touched.
 */
@ApplicationScoped
public class DnsStep {

    /** The DnsRecordReady reason of the pass that took over records made outside Fivenines (spec.dns.adoptExisting). */
    public static final String RECORD_ADOPTED = "RecordAdopted";

    private final HealthChecks healthChecks;
    private final DnsRecords records;

    public DnsStep(HealthChecks healthChecks, DnsRecords records) {
        this.healthChecks = healthChecks;
        this.records = records;
    }

    /**
     * @param wasReady per condition, whether it was True at the same revision: a difference since then is a hand change
     * @return the HealthCheckReady and DnsRecordReady outcomes; none when the deployment declares no dns
     */
    public List<CloudOutcome> ensure(CloudPlan plan, boolean healthCheckWasReady, boolean recordWasReady) {
        if (plan.targetProblem().isPresent()) {
            // nothing to point at yet: what is in Route 53 stays as it is
            CloudPlan.TargetProblem problem = plan.targetProblem().get();
            return List.of(ConditionTypes.HEALTH_CHECK_READY, ConditionTypes.DNS_RECORD_READY).stream()
                    .map(condition -> problem.settling() ? CloudOutcome.settling(condition, problem.reason(), problem.message())
                            : CloudOutcome.failed(condition, problem.reason(), problem.message()))
                    .toList();
        }
        if (plan.healthCheck().isEmpty() || plan.record().isEmpty()) {
            return List.of();
        }
        HealthCheck check;
        List<HealthCheck> stale = new ArrayList<>();
        List<Drift> checkDrift = new ArrayList<>();
        try {
            List<HealthCheck> owned = healthChecks.findByOwner(plan.owner());
            Optional<HealthCheck> same = owned.stream().filter(h -> !h.spec().requiresReplacement(plan.healthCheck().get())).findFirst();
            if (same.isEmpty()) {
                check = healthChecks.create(plan.owner(), plan.healthCheck().get());
                if (healthCheckWasReady && owned.isEmpty()) {
                    checkDrift.add(Drift.missing("Route53HealthCheck", plan.owner()));
                }
            } else if (!same.get().spec().equals(plan.healthCheck().get())) {
                if (healthCheckWasReady) {
                    checkDrift.add(difference(same.get().id(), plan.healthCheck().get(), same.get().spec()));
                }
                check = healthChecks.update(plan.owner(), same.get().id(), plan.healthCheck().get());
            } else {
                check = same.get();
            }
            owned.stream().filter(h -> !h.id().equals(check.id())).forEach(stale::add);
        } catch (CloudException e) {
            String message = "health check of " + plan.healthCheck().get().fqdn().orElse("?") + ": " + e.getMessage();
            CloudOutcome checkFailed = outcome(ConditionTypes.HEALTH_CHECK_READY, e, message);
            String waits = "the record waits for its health check: see HealthCheckReady";
            // the record is blocked only by the check: it settles, or stalls, with it
            return List.of(checkFailed, checkFailed.settling()
                    ? CloudOutcome.settling(ConditionTypes.DNS_RECORD_READY, "HealthCheckNotReady", waits)
                    : CloudOutcome.failed(ConditionTypes.DNS_RECORD_READY, "HealthCheckNotReady", waits));
        }
        CloudOutcome checkOutcome = CloudOutcome.ready(ConditionTypes.HEALTH_CHECK_READY, "HealthCheckInPlace",
                String.format("health check %s calls %s://%s:%d%s every %d s%s", check.id(),
                        plan.healthCheck().get().protocol().name().toLowerCase(java.util.Locale.ROOT),
                        plan.healthCheck().get().fqdn().orElse(plan.healthCheck().get().ipAddress().orElse("")), plan.healthCheck().get().port(),
                        plan.healthCheck().get().resourcePath(), plan.healthCheck().get().requestIntervalSeconds(),
                        plan.healthCheck().get().inverted() ? " (inverted: spec.evacuate)" : ""), checkDrift);

        FailoverRecord record = plan.record().get().with(Optional.of(check.id()));
        CloudOutcome recordOutcome;
        try {
            List<DnsRecord> all = records.list(plan.record().get().zoneId(), record.name());
            Optional<DnsRecord> live = all.stream().filter(r -> r.setIdentifier().equals(Optional.of(record.setIdentifier()))).findFirst();
            List<Drift> recordDrift = List.of();
            List<DnsRecord> adopted = plan.adoptRecords() ? adoptable(all, record) : List.of();
            if (live.isEmpty() || !live.get().matches(record) || !adopted.isEmpty()) {
                records.upsert(plan.record().get().zoneId(), plan.owner(), record, plan.adoptRecords());
                if (recordWasReady) {
                    recordDrift = List.of(live.isEmpty() ? Drift.missing("Route53Record", record.name() + " " + record.setIdentifier())
                            : new Drift("Route53Record", record.name() + " " + record.setIdentifier(), "values",
                                    describe(record.failover().name(), record.alias().map(a -> List.of("alias " + a.dnsName()))
                                            .orElse(record.values()), record.healthCheckId()),
                                    describe(live.get().failover().map(Enum::name).orElse("-"), live.get().alias()
                                            .map(a -> List.of("alias " + a.dnsName())).orElse(live.get().values()),
                                            live.get().healthCheckId())));
                }
            }
            recordOutcome = CloudOutcome.ready(ConditionTypes.DNS_RECORD_READY, adopted.isEmpty() ? "RecordInPlace" : RECORD_ADOPTED,
                    String.format("%s %s %s -> %s (%s)%s", record.name(), record.type(), record.failover(),
                            record.alias().map(a -> "alias " + a.dnsName()).orElse(String.join(",", record.values())),
                            record.setIdentifier(), adopted.isEmpty() ? "" : "; adopted from outside Fivenines (spec.dns.adoptExisting): "
                                    + adopted.stream().map(DnsStep::describe).collect(java.util.stream.Collectors.joining("; "))),
                    recordDrift);
            for (HealthCheck old : stale) {
                healthChecks.delete(plan.owner(), old.id());
            }
        } catch (CloudException e) {
            recordOutcome = outcome(ConditionTypes.DNS_RECORD_READY, e, "record " + record.name() + ": " + e.getMessage());
        }
        return List.of(checkOutcome, recordOutcome);
    }

    /** Removes the deployment's record, then its health checks (a record must not point at a deleted check). */
    public void remove(CloudPlan plan) {
        plan.record().ifPresent(record -> records.delete(record.zoneId(), plan.owner(), record.name(), record.setIdentifier()));
        for (HealthCheck check : healthChecks.findByOwner(plan.owner())) {
            healthChecks.delete(plan.owner(), check.id());
        }
    }

    /** The records the upsert takes over: unowned, in the record's slot or of its type and failover role. */
    private static List<DnsRecord> adoptable(List<DnsRecord> all, FailoverRecord record) {
        return all.stream().filter(r -> r.owner().isEmpty() && r.setIdentifier().isPresent()
                && (r.setIdentifier().get().equals(record.setIdentifier())
                        || (r.type().equals(record.type().name()) && r.failover().equals(Optional.of(record.failover())))))
                .toList();
    }

    private static String describe(DnsRecord record) {
        return record.type() + " " + record.failover().map(Enum::name).orElse("-") + " " + String.join(",", record.values())
                + " (" + record.setIdentifier().orElse("-") + ", health check " + record.healthCheckId().orElse("none") + ")";
    }

    /** The first field of a health check that differs from its declaration. */
    private static Drift difference(String id, HealthCheckSpec declared, HealthCheckSpec found) {
        Map<String, List<Object>> fields = new LinkedHashMap<>();
        fields.put("failureThreshold", List.of(declared.failureThreshold(), found.failureThreshold()));
        fields.put("resourcePath", List.of(declared.resourcePath(), found.resourcePath()));
        fields.put("port", List.of(declared.port(), found.port()));
        fields.put("fullyQualifiedDomainName", List.of(declared.fqdn().orElse("-"), found.fqdn().orElse("-")));
        fields.put("ipAddress", List.of(declared.ipAddress().orElse("-"), found.ipAddress().orElse("-")));
        fields.put("inverted", List.of(declared.inverted(), found.inverted()));
        return fields.entrySet().stream().filter(e -> !e.getValue().get(0).equals(e.getValue().get(1))).findFirst()
                .map(e -> new Drift("Route53HealthCheck", id, e.getKey(), String.valueOf(e.getValue().get(0)),
                        String.valueOf(e.getValue().get(1))))
                .orElse(new Drift("Route53HealthCheck", id, "spec", declared.toString(), found.toString()));
    }

    private static String describe(String failover, List<String> values, Optional<String> healthCheckId) {
        return failover + " " + String.join(",", values) + " health check " + healthCheckId.orElse("none");
    }

    private static CloudOutcome outcome(String condition, CloudException e, String message) {
        return e.retryable() ? CloudOutcome.settling(condition, e.reason(), message) : CloudOutcome.failed(condition, e.reason(), message);
    }
}

package dev.fivenines.e2e.sandbox;

import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.services.route53.model.HealthCheckObservation;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.ResourceRecordSetFailover;

/**
 * What Route 53 answers a failover record with, by its documented rules, from the record sets and their health
 * checks' status: the PRIMARY while its health check is healthy (more than 18 % of the checkers see the endpoint
 * healthy, inverted when the check is), otherwise the SECONDARY when it is healthy or has no check; when both are
 * unhealthy, the PRIMARY. Gives the deployment (the record's set identifier) a client resolving the name reaches.
 */
public final class DnsAnswer {

    private final Sandbox sandbox;
    private final String recordName;

    public DnsAnswer(Sandbox sandbox, String recordName) {
        this.sandbox = sandbox;
        this.recordName = recordName.endsWith(".") ? recordName : recordName + ".";
    }

    /** The deployment Route 53 answers the record with now. */
    public String deployment() {
        List<ResourceRecordSet> sets = sandbox.route53().listResourceRecordSets(l -> l.hostedZoneId(sandbox.zoneId())
                .startRecordName(recordName)).resourceRecordSets().stream().filter(r -> r.name().equalsIgnoreCase(recordName)).toList();
        Optional<ResourceRecordSet> primary = sets.stream().filter(r -> r.failover() == ResourceRecordSetFailover.PRIMARY).findFirst();
        Optional<ResourceRecordSet> secondary = sets.stream().filter(r -> r.failover() == ResourceRecordSetFailover.SECONDARY).findFirst();
        if (primary.isEmpty()) {
            throw new IllegalStateException("Route 53 has no PRIMARY failover record " + recordName + " in zone " + sandbox.zoneId());
        }
        if (healthy(primary.get()) || secondary.isEmpty() || !healthy(secondary.get())) {
            return primary.get().setIdentifier();
        }
        return secondary.get().setIdentifier();
    }

    /**
     * The answer as a client that resolves the name again every {@code refresh} sees it (a real resolver keeps an
     * answer for the record's TTL, which adds up to that TTL to any change).
     */
    public java.util.function.Supplier<String> resolvedEvery(java.time.Duration refresh) {
        String[] answer = {deployment()};
        long[] at = {System.nanoTime()};
        return () -> {
            if (System.nanoTime() - at[0] >= refresh.toNanos()) {
                at[0] = System.nanoTime();
                try {
                    answer[0] = deployment();
                } catch (RuntimeException e) {
                    // Route 53 unreachable for a moment: the client keeps its last answer, as a resolver's cache does
                }
            }
            return answer[0];
        };
    }

    private boolean healthy(ResourceRecordSet set) {
        if (set.healthCheckId() == null) {
            return true;
        }
        List<HealthCheckObservation> observations = sandbox.route53().getHealthCheckStatus(s -> s.healthCheckId(set.healthCheckId()))
                .healthCheckObservations();
        long ok = observations.stream().filter(o -> o.statusReport().status().startsWith("Success")).count();
        boolean seen = !observations.isEmpty() && ok * 100 > observations.size() * 18L;
        boolean inverted = Boolean.TRUE.equals(sandbox.route53().getHealthCheck(h -> h.healthCheckId(set.healthCheckId()))
                .healthCheck().healthCheckConfig().inverted());
        return seen != inverted;
    }
}

package dev.fivenines.operator.failover;

import java.util.List;
import java.util.Optional;

import dev.fivenines.aws.CloudException;
import dev.fivenines.aws.DnsRecord;
import dev.fivenines.aws.DnsRecords;
import dev.fivenines.aws.Failover;
import dev.fivenines.aws.HealthCheckStatus;
import dev.fivenines.aws.HealthChecks;
import dev.fivenines.operator.cloud.CloudPlan;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads what Route 53 does with a deployment's record name: this deployment's health check status, the other
 * record of the failover pair (whichever cluster owns it: Route 53 is global, so a backup reads its primary's health
 * here) and that record's health check status: one listing of the record name, then GetHealthCheck and
 * GetHealthCheckStatus for each of the two health checks.
 */
@ApplicationScoped
public class FailoverReader {

    private final HealthChecks healthChecks;
    private final DnsRecords records;

    public FailoverReader(HealthChecks healthChecks, DnsRecords records) {
        this.healthChecks = healthChecks;
        this.records = records;
    }

    /** Empty when the deployment declares no dns. */
    public Optional<FailoverView> read(CloudPlan plan) {
        if (plan.record().isEmpty()) {
            return Optional.empty();
        }
        CloudPlan.RecordPlan record = plan.record().get();
        Failover opposite = record.failover() == Failover.PRIMARY ? Failover.SECONDARY : Failover.PRIMARY;
        Optional<HealthCheckStatus> own = Optional.empty();
        Optional<String> partner = Optional.empty();
        Optional<HealthCheckStatus> partnerStatus = Optional.empty();
        try {
            // one listing of the name gives both records and the health check each one uses, which is the one Route 53
            // fails over on (no separate lookup of this deployment's health checks: the DNS step makes that one)
            List<DnsRecord> atName = records.list(record.zoneId(), record.name());
            Optional<String> ownCheck = atName.stream().filter(r -> r.setIdentifier().equals(Optional.of(record.setIdentifier())))
                    .findFirst().flatMap(DnsRecord::healthCheckId);
            if (ownCheck.isPresent()) {
                own = Optional.of(healthChecks.status(ownCheck.get()));
            }
            Optional<DnsRecord> other = atName.stream()
                    .filter(r -> r.failover().equals(Optional.of(opposite)) && r.type().equals(record.type().name()))
                    .filter(r -> !r.setIdentifier().equals(Optional.of(record.setIdentifier()))).findFirst();
            partner = other.flatMap(DnsRecord::setIdentifier);
            if (other.isPresent() && other.get().healthCheckId().isPresent()) {
                partnerStatus = Optional.of(healthChecks.status(other.get().healthCheckId().get()));
            }
            return Optional.of(new FailoverView(record.name(), record.setIdentifier(), record.failover(), own, partner, partnerStatus, null));
        } catch (CloudException e) {
            return Optional.of(new FailoverView(record.name(), record.setIdentifier(), record.failover(), own, partner, partnerStatus,
                    e.getMessage()));
        }
    }
}

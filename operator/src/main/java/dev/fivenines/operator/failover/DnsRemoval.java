package dev.fivenines.operator.failover;

import java.util.Optional;

import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.DeletionPolicy;
import dev.fivenines.aws.Failover;
import dev.fivenines.operator.cloud.CloudPlan;

/**
 * What deleting an AuthDeployment does to its Route 53 record and health check (spec.dns.deletionPolicy): Retain,
 * the default, leaves them serving and says so; Delete removes them, except a PRIMARY's while its SECONDARY is not
 * healthy, which waits (removing it would leave the name answered by an unhealthy secondary).
 *
 * @param remove whether the record and health check go
 * @param retained what is left in Route 53, for an Event; empty when nothing is
 * @param waiting why the deletion waits; empty when it goes ahead
 */
public record DnsRemoval(boolean remove, Optional<String> retained, Optional<String> waiting) {

    public static DnsRemoval decide(AuthDeployment deployment, CloudPlan plan, Optional<FailoverView> view) {
        if (plan.record().isEmpty()) {
            return new DnsRemoval(false, Optional.empty(), Optional.empty());
        }
        CloudPlan.RecordPlan record = plan.record().get();
        DeletionPolicy policy = deployment.getSpec().getDns().getDeletionPolicy();
        String what = "Route 53 record " + record.name() + " (" + record.failover() + ", set identifier " + record.setIdentifier() + ")"
                + view.flatMap(FailoverView::own).map(own -> " and health check " + own.id()).orElse("");
        if (policy != DeletionPolicy.Delete) {
            return new DnsRemoval(false, Optional.of(what + " are retained and keep serving (spec.dns.deletionPolicy Retain); delete them "
                    + "in Route 53 when the region is truly gone, or set spec.dns.deletionPolicy to Delete before deleting"), Optional.empty());
        }
        if (record.failover() == Failover.PRIMARY && view.isPresent() && view.get().partner().isPresent() && !view.get().partnerHealthy()) {
            return new DnsRemoval(false, Optional.empty(), Optional.of("the deletion of " + what + " waits: its SECONDARY "
                    + view.get().partner().get() + " is not healthy" + (view.get().problem() == null ? "" : " or could not be read ("
                    + view.get().problem() + ")") + ", and removing the primary would leave " + record.name()
                    + " answered by it; it goes ahead once the secondary is healthy"));
        }
        return new DnsRemoval(true, Optional.empty(), Optional.empty());
    }
}

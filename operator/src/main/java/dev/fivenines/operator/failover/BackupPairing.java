package dev.fivenines.operator.failover;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.DnsSpec;
import dev.fivenines.api.v1alpha1.Variant;

/**
 * A Backup's Route 53 zone and record name come from the Primary it names in {@code spec.backupOf}: the two records of
 * a failover pair must share both, so the backup need not repeat them, and a backup that does must repeat them exactly.
 * Every other deployment's DNS is as declared. The primary is read from this cluster's API server (GitOps syncs every
 * region's manifests to every cluster, also those another region's operator reconciles).
 *
 * <p>A backup whose primary is missing, is not a Primary of the same blueprint, has no DNS, or names another zone or
 * record is a {@link Problem}: its Route 53 record and health check are left as they are, and the conditions name both
 * deployments and what to change.
 */
public final class BackupPairing {

    /** Why the backup's DNS cannot be settled; {@code reason} is one CamelCase word for the conditions. */
    public record Problem(String reason, String message) {
    }

    /** The deployment's DNS to reconcile (empty when it has none), or why it cannot be settled. */
    public record Resolved(Optional<DnsSpec> dns, Optional<Problem> problem) {

        static Resolved of(DnsSpec dns) {
            return new Resolved(Optional.ofNullable(dns), Optional.empty());
        }

        static Resolved problem(String reason, String message) {
            return new Resolved(Optional.empty(), Optional.of(new Problem(reason, message)));
        }
    }

    private BackupPairing() {
    }

    /** @param primary the deployment {@code spec.backupOf} names, if this cluster has it (asked for Backups only) */
    public static Resolved resolve(AuthDeployment deployment, Optional<AuthDeployment> primary) {
        var spec = deployment.getSpec();
        DnsSpec own = spec.getDns();
        if (spec.getVariant() != Variant.Backup || own == null) {
            return Resolved.of(own);
        }
        String name = deployment.getMetadata().getName();
        String primaryName = spec.getBackupOf();
        if (primary.isEmpty()) {
            return Resolved.problem("PrimaryNotFound", "Backup " + name + " names Primary " + primaryName + " in spec.backupOf, but there is "
                    + "no AuthDeployment " + primaryName + " in namespace " + deployment.getMetadata().getNamespace()
                    + ": create it (its manifest belongs beside this one) or correct spec.backupOf; Route 53 is left as it is");
        }
        var theirs = primary.get().getSpec();
        if (theirs.getVariant() != Variant.Primary) {
            return Resolved.problem("BackupOfNotPrimary", "Backup " + name + " names " + primaryName + " in spec.backupOf, which is variant "
                    + theirs.getVariant() + ", not Primary: name the Primary this deployment stands in for");
        }
        if (!Objects.equals(theirs.getBlueprint(), spec.getBlueprint())) {
            return Resolved.problem("PrimaryMismatch", "Backup " + name + " runs blueprint " + spec.getBlueprint() + " but its Primary "
                    + primaryName + " runs " + theirs.getBlueprint() + ": a backup stands in with the same blueprint");
        }
        DnsSpec primaryDns = theirs.getDns();
        if (primaryDns == null || primaryDns.getZoneId() == null || primaryDns.getRecordName() == null) {
            return Resolved.problem("PrimaryWithoutDns", "Backup " + name + " has spec.dns but its Primary " + primaryName
                    + " has no spec.dns zone and record name, so there is no failover record to be the SECONDARY of: give the primary "
                    + "spec.dns, or remove this backup's");
        }
        if (own.getZoneId() != null && !own.getZoneId().equals(primaryDns.getZoneId())) {
            return Resolved.problem("PrimaryMismatch", "Backup " + name + " sets spec.dns.zoneId " + own.getZoneId() + " but its Primary "
                    + primaryName + " uses zone " + primaryDns.getZoneId() + ": remove spec.dns.zoneId to take the primary's, or make them equal");
        }
        if (own.getRecordName() != null && !sameName(own.getRecordName(), primaryDns.getRecordName())) {
            return Resolved.problem("PrimaryMismatch", "Backup " + name + " sets spec.dns.recordName " + own.getRecordName()
                    + " but its Primary " + primaryName + " uses " + primaryDns.getRecordName()
                    + ": remove spec.dns.recordName to take the primary's, or make them equal");
        }
        DnsSpec effective = new DnsSpec();
        effective.setZoneId(primaryDns.getZoneId());
        effective.setRecordName(own.getRecordName() != null ? own.getRecordName() : primaryDns.getRecordName());
        effective.setTarget(own.getTarget());
        effective.setDeletionPolicy(own.getDeletionPolicy());
        effective.setAdoptExisting(own.getAdoptExisting());
        effective.setTtlSeconds(own.getTtlSeconds());
        return Resolved.of(effective);
    }

    /** DNS names compare without case and without the final dot. */
    static boolean sameName(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}

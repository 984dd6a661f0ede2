package dev.fivenines.aws.sdk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fivenines.aws.HealthCheck;
import dev.fivenines.aws.HealthCheckProtocol;
import dev.fivenines.aws.HealthCheckSpec;
import dev.fivenines.aws.HealthCheckStatus;
import dev.fivenines.aws.HealthChecks;
import dev.fivenines.aws.NotFound;
import dev.fivenines.aws.NotOwned;
import dev.fivenines.aws.Ownership;
import dev.fivenines.aws.ResourceBusy;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HealthCheckAlreadyExistsException;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.ListHealthChecksResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHealthCheckException;
import software.amazon.awssdk.services.route53.model.ResettableElementName;
import software.amazon.awssdk.services.route53.model.ResourceTagSet;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * {@link HealthChecks} on the AWS SDK v2.
 *
 * <p>CallerReference is {@code fivenines-<hash of owner>-<hash of spec>-<n>}: a retried create with the same spec
 * reuses the reference, so Route 53 returns the health check it already made instead of a second one. Route 53 never
 * accepts a reference again once its health check is deleted; then {@code n} counts up. The owner hash also finds a
 * health check whose tagging was interrupted.
 */
public final class SdkHealthChecks implements HealthChecks {

    private static final Logger LOG = LoggerFactory.getLogger(SdkHealthChecks.class);
    private static final String LIST = "route53:ListHealthChecks";
    private static final int MAX_GENERATIONS = 20;
    private static final int TAG_BATCH = 10;

    private static final String REFERENCE_PREFIX = "fivenines-";

    /**
     * One listing of the account's health checks with the tags of Fivenines' own, taken at {@code takenAt}
     * ({@link System#nanoTime}); what this adapter creates, changes, tags or deletes afterwards is written into it.
     */
    private record Listing(List<software.amazon.awssdk.services.route53.model.HealthCheck> checks, Map<String, Map<String, String>> tags,
            long takenAt) {

        Listing with(software.amazon.awssdk.services.route53.model.HealthCheck check) {
            List<software.amazon.awssdk.services.route53.model.HealthCheck> all = new ArrayList<>(without(check.id()).checks());
            all.add(check);
            return new Listing(List.copyOf(all), tags, takenAt);
        }

        Listing without(String id) {
            return new Listing(checks.stream().filter(c -> !c.id().equals(id)).toList(), tags, takenAt);
        }

        Listing tagged(String id, Map<String, String> added) {
            Map<String, Map<String, String>> all = new HashMap<>(tags);
            Map<String, String> merged = new HashMap<>(all.getOrDefault(id, Map.of()));
            merged.putAll(added);
            all.put(id, Map.copyOf(merged));
            return new Listing(checks, Map.copyOf(all), takenAt);
        }

        Optional<software.amazon.awssdk.services.route53.model.HealthCheck> check(String id) {
            return checks.stream().filter(c -> c.id().equals(id)).findFirst();
        }
    }

    private final AwsClients clients;
    private final long listingTtlNanos;
    private final Object listingLock = new Object();
    private volatile Listing listing;

    /**
     * With a listing lifetime ({@link AwsSettings#healthCheckListingTtl}), every owner's lookup within it is answered
     * from one listing of the account's health checks, so the calls per poll no longer grow with the number of
     * deployments; a health check changed or deleted outside Fivenines is then seen within that lifetime.
     */
    public SdkHealthChecks(AwsClients clients) {
        this.clients = clients;
        this.listingTtlNanos = clients.settings().healthCheckListingTtl().toNanos();
    }

    @Override
    public List<HealthCheck> findByOwner(String owner) {
        Ownership.requireOwner(owner);
        String prefix = referencePrefix(owner);
        Listing shared = listingTtlNanos == 0 ? null : sharedListing();
        List<software.amazon.awssdk.services.route53.model.HealthCheck> candidates = (shared == null ? listAll() : shared.checks()).stream()
                .filter(check -> check.callerReference() != null && check.callerReference().startsWith(prefix))
                .toList();
        Map<String, Map<String, String>> tags = shared != null ? shared.tags() : tags(candidates.stream().map(check -> check.id()).toList());
        List<HealthCheck> owned = new ArrayList<>();
        for (var check : candidates) {
            String tagged = tags.getOrDefault(check.id(), Map.of()).get(Ownership.OWNER_TAG);
            if (tagged == null) {
                tagOwner(check.id(), owner);
            } else if (!tagged.equals(owner)) {
                continue;
            }
            owned.add(domain(check, owner));
        }
        return owned;
    }

    @Override
    public HealthCheck create(String owner, HealthCheckSpec spec) {
        for (HealthCheck existing : findByOwner(owner)) {
            if (existing.spec().equals(spec)) {
                return existing;
            }
        }
        String base = referencePrefix(owner) + Hashes.hex(spec.toString(), 12) + "-";
        for (int generation = 1; generation <= MAX_GENERATIONS; generation++) {
            String reference = base + generation;
            try {
                var created = route53().createHealthCheck(b -> b.callerReference(reference).healthCheckConfig(config(spec)))
                        .healthCheck();
                remember(l -> l.with(created));
                tagOwner(created.id(), owner);
                LOG.info("Created health check {} for {} ({})", created.id(), owner, target(spec));
                return domain(created, owner);
            } catch (HealthCheckAlreadyExistsException usedBefore) {
                LOG.debug("Caller reference {} was used by an earlier health check; trying the next", reference);
            } catch (SdkException e) {
                throw AwsErrors.map(e, "route53:CreateHealthCheck", null, "a health check for " + owner);
            }
        }
        throw new IllegalStateException("Route 53 refused " + MAX_GENERATIONS + " caller references for " + owner
                + "; delete unused health checks of this owner");
    }

    @Override
    public HealthCheck update(String owner, String id, HealthCheckSpec spec) {
        HealthCheck current = owned(owner, id, "route53:UpdateHealthCheck");
        if (current.spec().requiresReplacement(spec)) {
            throw new IllegalArgumentException("Route 53 cannot change the protocol or the request interval of health check "
                    + id + " (" + current.spec().protocol() + ", " + current.spec().requestIntervalSeconds() + " s to "
                    + spec.protocol() + ", " + spec.requestIntervalSeconds() + " s): create a new one, point the record "
                    + "at it, then delete this one");
        }
        if (current.spec().equals(spec)) {
            return current;
        }
        List<ResettableElementName> reset = new ArrayList<>();
        if (spec.fqdn().isEmpty() && current.spec().fqdn().isPresent()) {
            reset.add(ResettableElementName.FULLY_QUALIFIED_DOMAIN_NAME);
        }
        try {
            var updated = route53().updateHealthCheck(b -> b.healthCheckId(id)
                    .healthCheckVersion(current.version())
                    .fullyQualifiedDomainName(spec.fqdn().orElse(null))
                    .ipAddress(spec.ipAddress().orElse(null))
                    .port(spec.port())
                    .resourcePath(spec.resourcePath())
                    .failureThreshold(spec.failureThreshold())
                    .inverted(spec.inverted())
                    .enableSNI(spec.protocol() == HealthCheckProtocol.HTTPS && spec.fqdn().isPresent())
                    .resetElements(reset.isEmpty() ? null : reset)).healthCheck();
            remember(l -> l.with(updated));
            LOG.info("Updated health check {} of {} ({})", id, owner, target(spec));
            return domain(updated, owner);
        } catch (NoSuchHealthCheckException e) {
            throw new NotFound("Health check " + id + " of " + owner + " is gone; it will be created again.",
                    "route53:UpdateHealthCheck", null, e);
        } catch (SdkException e) {
            throw AwsErrors.map(e, "route53:UpdateHealthCheck", null, "health check " + id);
        }
    }

    @Override
    public boolean delete(String owner, String id) {
        try {
            owned(owner, id, "route53:DeleteHealthCheck");
        } catch (NotFound gone) {
            return false;
        }
        try {
            route53().deleteHealthCheck(b -> b.healthCheckId(id));
            remember(l -> l.without(id));
            LOG.info("Deleted health check {} of {}", id, owner);
            return true;
        } catch (NoSuchHealthCheckException gone) {
            remember(l -> l.without(id));
            return false;
        } catch (AwsServiceException e) {
            if ("HealthCheckInUse".equals(AwsErrors.code(e))) {
                throw new ResourceBusy("Health check " + id + " is still used by a DNS record; it is deleted after the record.",
                        "route53:DeleteHealthCheck", null, e);
            }
            throw AwsErrors.map(e, "route53:DeleteHealthCheck", null, "health check " + id);
        } catch (SdkException e) {
            throw AwsErrors.map(e, "route53:DeleteHealthCheck", null, "health check " + id);
        }
    }

    /** The health check if it is the owner's; {@link NotFound} or {@link NotOwned} otherwise. */
    private HealthCheck owned(String owner, String id, String action) {
        Ownership.requireOwner(owner);
        software.amazon.awssdk.services.route53.model.HealthCheck check;
        try {
            check = route53().getHealthCheck(b -> b.healthCheckId(id)).healthCheck();
        } catch (NoSuchHealthCheckException e) {
            throw new NotFound("Health check " + id + " does not exist.", action, null, e);
        } catch (SdkException e) {
            throw AwsErrors.map(e, "route53:GetHealthCheck", null, "health check " + id);
        }
        String tagged = tags(List.of(id)).getOrDefault(id, Map.of()).get(Ownership.OWNER_TAG);
        boolean ours = check.callerReference() != null && check.callerReference().startsWith(referencePrefix(owner));
        if (!ours || tagged != null && !tagged.equals(owner)) {
            throw new NotOwned("Health check " + id + " was not created by Fivenines for " + owner
                    + (tagged == null ? "" : " (its " + Ownership.OWNER_TAG + " tag says " + tagged + ")")
                    + "; Fivenines does not change or delete it.", action, null);
        }
        if (tagged == null) {
            tagOwner(id, owner);
        }
        return domain(check, owner);
    }

    /** The listing every lookup shares, taken again once it is older than its lifetime (one taker at a time). */
    private Listing sharedListing() {
        Listing current = listing;
        if (current != null && System.nanoTime() - current.takenAt() < listingTtlNanos) {
            return current;
        }
        synchronized (listingLock) {
            current = listing;
            if (current != null && System.nanoTime() - current.takenAt() < listingTtlNanos) {
                return current;
            }
            long takenAt = System.nanoTime();
            List<software.amazon.awssdk.services.route53.model.HealthCheck> all = listAll();
            List<String> ours = all.stream().filter(c -> c.callerReference() != null && c.callerReference().startsWith(REFERENCE_PREFIX))
                    .map(c -> c.id()).toList();
            Listing taken = new Listing(List.copyOf(all), Map.copyOf(tags(ours)), takenAt);
            listing = taken;
            return taken;
        }
    }

    /** What this adapter just did, written into the shared listing (if there is one), so it need not be taken again. */
    private void remember(java.util.function.UnaryOperator<Listing> change) {
        if (listingTtlNanos == 0) {
            return;
        }
        synchronized (listingLock) {
            if (listing != null) {
                listing = change.apply(listing);
            }
        }
    }

    private List<software.amazon.awssdk.services.route53.model.HealthCheck> listAll() {
        List<software.amazon.awssdk.services.route53.model.HealthCheck> all = new ArrayList<>();
        String marker = null;
        try {
            while (true) {
                String current = marker;
                ListHealthChecksResponse page = route53().listHealthChecks(b -> b.marker(current).maxItems("1000"));
                all.addAll(page.healthChecks());
                String next = page.nextMarker();
                // a missing or repeated marker ends the listing (moto's server sends none)
                if (!Boolean.TRUE.equals(page.isTruncated()) || next == null || next.isEmpty() || next.equals(current)) {
                    return all;
                }
                marker = next;
            }
        } catch (SdkException e) {
            throw AwsErrors.map(e, LIST, null, "health checks");
        }
    }

    private Map<String, Map<String, String>> tags(List<String> ids) {
        Map<String, Map<String, String>> tags = new HashMap<>();
        for (int from = 0; from < ids.size(); from += TAG_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + TAG_BATCH));
            try {
                for (ResourceTagSet set : route53().listTagsForResources(b -> b
                        .resourceType(TagResourceType.HEALTHCHECK).resourceIds(batch)).resourceTagSets()) {
                    Map<String, String> resourceTags = new HashMap<>();
                    set.tags().forEach(tag -> resourceTags.put(tag.key(), tag.value()));
                    tags.put(set.resourceId(), resourceTags);
                }
            } catch (SdkException e) {
                throw AwsErrors.map(e, "route53:ListTagsForResources", null, "health checks " + batch);
            }
        }
        return tags;
    }

    private void tagOwner(String id, String owner) {
        try {
            route53().changeTagsForResource(b -> b.resourceType(TagResourceType.HEALTHCHECK).resourceId(id).addTags(
                    Tag.builder().key(Ownership.OWNER_TAG).value(owner).build(),
                    Tag.builder().key("Name").value(owner).build()));
            remember(l -> l.tagged(id, Map.of(Ownership.OWNER_TAG, owner, "Name", owner)));
        } catch (SdkException e) {
            throw AwsErrors.map(e, "route53:ChangeTagsForResource", null, "health check " + id);
        }
    }

    private static HealthCheckConfig config(HealthCheckSpec spec) {
        return HealthCheckConfig.builder()
                .type(spec.protocol() == HealthCheckProtocol.HTTPS ? HealthCheckType.HTTPS : HealthCheckType.HTTP)
                .fullyQualifiedDomainName(spec.fqdn().orElse(null))
                .ipAddress(spec.ipAddress().orElse(null))
                .port(spec.port())
                .resourcePath(spec.resourcePath())
                .requestInterval(spec.requestIntervalSeconds())
                .failureThreshold(spec.failureThreshold())
                .inverted(spec.inverted())
                .enableSNI(spec.protocol() == HealthCheckProtocol.HTTPS && spec.fqdn().isPresent())
                .build();
    }

    private static HealthCheck domain(software.amazon.awssdk.services.route53.model.HealthCheck check, String owner) {
        HealthCheckConfig config = check.healthCheckConfig();
        HealthCheckProtocol protocol = config.type() == HealthCheckType.HTTP ? HealthCheckProtocol.HTTP : HealthCheckProtocol.HTTPS;
        HealthCheckSpec spec = new HealthCheckSpec(protocol,
                Optional.ofNullable(config.fullyQualifiedDomainName()).filter(name -> !name.isEmpty()),
                Optional.ofNullable(config.ipAddress()).filter(ip -> !ip.isEmpty()),
                config.port() == null ? (protocol == HealthCheckProtocol.HTTPS ? 443 : 80) : config.port(),
                config.resourcePath() == null || config.resourcePath().isEmpty() ? "/" : config.resourcePath(),
                config.requestInterval() == null ? 30 : config.requestInterval(),
                config.failureThreshold() == null ? 3 : config.failureThreshold(), Boolean.TRUE.equals(config.inverted()));
        return new HealthCheck(check.id(), owner, spec, check.healthCheckVersion() == null ? 1 : check.healthCheckVersion());
    }

    private static String referencePrefix(String owner) {
        return REFERENCE_PREFIX + Hashes.hex(owner, 16) + "-";
    }

    private static String target(HealthCheckSpec spec) {
        return spec.protocol().name().toLowerCase() + "://" + spec.fqdn().or(spec::ipAddress).orElse("?") + ":"
                + spec.port() + spec.resourcePath();
    }

    private Route53Client route53() {
        return clients.route53();
    }

    @Override
    public HealthCheckStatus status(String id) {
        try {
            Listing shared = listingTtlNanos == 0 ? null : sharedListing();
            var check = (shared == null ? Optional.<software.amazon.awssdk.services.route53.model.HealthCheck>empty() : shared.check(id))
                    .orElseGet(() -> route53().getHealthCheck(b -> b.healthCheckId(id)).healthCheck()).healthCheckConfig();
            var observations = route53().getHealthCheckStatus(b -> b.healthCheckId(id)).healthCheckObservations().stream()
                    .map(o -> {
                        String report = o.statusReport() == null || o.statusReport().status() == null ? "" : o.statusReport().status();
                        return new HealthCheckStatus.Observation(o.regionAsString() == null ? "" : o.regionAsString(), o.ipAddress(),
                                report.startsWith("Success"), report,
                                java.util.Optional.ofNullable(o.statusReport() == null ? null : o.statusReport().checkedTime()));
                    }).toList();
            return new HealthCheckStatus(id, Boolean.TRUE.equals(check.inverted()), Boolean.TRUE.equals(check.disabled()), observations);
        } catch (NoSuchHealthCheckException gone) {
            throw new NotFound("Health check " + id + " does not exist.", "route53:GetHealthCheckStatus", null, gone);
        } catch (SdkException e) {
            throw AwsErrors.map(e, "route53:GetHealthCheckStatus", null, "health check " + id);
        }
    }
}

package dev.fivenines.aws.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.fivenines.aws.HealthCheck;
import dev.fivenines.aws.HealthCheckSpec;
import dev.fivenines.aws.HealthCheckStatus;
import dev.fivenines.aws.HealthChecks;
import dev.fivenines.aws.NotFound;
import dev.fivenines.aws.NotOwned;
import dev.fivenines.aws.Ownership;

/**
 * {@link HealthChecks} in memory, on the rules {@code HealthChecksContract} encodes: a health check is the owner's
 * when Fivenines created it for that owner (the caller reference) and its owner tag, once set, names the owner; one
 * created but not yet tagged is tagged when found; creating again with the same spec returns the existing one; the
 * protocol and request interval cannot change; health checks of anyone else are never changed or deleted
 * ({@link NotOwned}). Made by {@link MemoryRoute53}, with which it shares its lock.
 */
public final class MemoryHealthChecks implements HealthChecks {

    /** A health check as Route 53 keeps it. */
    private static final class Stored {
        final String id;
        /** The owner whose caller reference it carries: empty when Fivenines did not create it. */
        final Optional<String> createdFor;
        final Map<String, String> tags = new LinkedHashMap<>();
        HealthCheckSpec spec;
        long version = 1;

        Stored(String id, Optional<String> createdFor, HealthCheckSpec spec) {
            this.id = id;
            this.createdFor = createdFor;
            this.spec = spec;
        }
    }

    private final MemoryRoute53 route53;
    private final Map<String, Stored> checks = new LinkedHashMap<>();
    private final List<String> deletedWhileInUse = new ArrayList<>();
    /** What the checkers see of each endpoint: healthy unless a test says otherwise. */
    private final Map<String, Boolean> endpointHealthy = new LinkedHashMap<>();
    private int created;

    MemoryHealthChecks(MemoryRoute53 route53) {
        this.route53 = route53;
    }

    @Override
    public List<HealthCheck> findByOwner(String owner) {
        Ownership.requireOwner(owner);
        synchronized (route53) {
            List<HealthCheck> owned = new ArrayList<>();
            for (Stored check : checks.values()) {
                if (!check.createdFor.equals(Optional.of(owner))) {
                    continue;
                }
                String tagged = check.tags.get(Ownership.OWNER_TAG);
                if (tagged == null) {
                    tag(check, owner);
                } else if (!tagged.equals(owner)) {
                    continue;
                }
                owned.add(domain(check, owner));
            }
            return owned;
        }
    }

    @Override
    public HealthCheck create(String owner, HealthCheckSpec spec) {
        synchronized (route53) {
            for (HealthCheck existing : findByOwner(owner)) {
                if (existing.spec().equals(spec)) {
                    return existing;
                }
            }
            Stored check = store(Optional.of(owner), spec);
            tag(check, owner);
            return domain(check, owner);
        }
    }

    @Override
    public HealthCheck update(String owner, String id, HealthCheckSpec spec) {
        synchronized (route53) {
            Stored check = owned(owner, id, "route53:UpdateHealthCheck");
            if (check.spec.requiresReplacement(spec)) {
                throw new IllegalArgumentException("Route 53 cannot change the protocol or the request interval of health check "
                        + id + " (" + check.spec.protocol() + ", " + check.spec.requestIntervalSeconds() + " s to "
                        + spec.protocol() + ", " + spec.requestIntervalSeconds() + " s): create a new one, point the record "
                        + "at it, then delete this one");
            }
            if (!check.spec.equals(spec)) {
                check.spec = spec;
                check.version++;
            }
            return domain(check, owner);
        }
    }

    @Override
    public boolean delete(String owner, String id) {
        synchronized (route53) {
            try {
                owned(owner, id, "route53:DeleteHealthCheck");
            } catch (NotFound gone) {
                return false;
            }
            if (route53.dnsRecords().refersTo(id)) {
                deletedWhileInUse.add(id);
            }
            checks.remove(id);
            return true;
        }
    }

    /** Creates a health check as a person would, without Fivenines: no Fivenines caller reference, no tags. */
    public String createByHand(HealthCheckSpec spec) {
        synchronized (route53) {
            return store(Optional.empty(), spec).id;
        }
    }

    /** Creates a health check as Fivenines does for the owner, but leaves it untagged, as an interrupted create would. */
    public String createUntagged(String owner, HealthCheckSpec spec) {
        Ownership.requireOwner(owner);
        synchronized (route53) {
            return store(Optional.of(owner), spec).id;
        }
    }

    /** Changes a health check as a person would in the console (which cannot change protocol or interval either). */
    public void changeByHand(String id, HealthCheckSpec spec) {
        synchronized (route53) {
            Stored check = existing(id, "route53:UpdateHealthCheck");
            if (check.spec.requiresReplacement(spec)) {
                throw new IllegalArgumentException("Route 53 cannot change the protocol or the request interval of " + id);
            }
            check.spec = spec;
            check.version++;
        }
    }

    /** Deletes a health check as a person would; nothing when it is gone. */
    public void deleteByHand(String id) {
        synchronized (route53) {
            checks.remove(id);
        }
    }

    /** The health check as stored, whoever owns it; empty when there is none. */
    public Optional<HealthCheckSpec> spec(String id) {
        synchronized (route53) {
            return Optional.ofNullable(checks.get(id)).map(check -> check.spec);
        }
    }

    /** The health check's tags. */
    public Map<String, String> tags(String id) {
        synchronized (route53) {
            return Map.copyOf(existing(id, "route53:ListTagsForResource").tags);
        }
    }

    /**
     * The health checks deleted while a record still referred to them: Route 53 allows it, and the record's failover
     * then depends on a health check that is gone. A caller that replaces a health check points the record first.
     */
    public List<String> deletedWhileInUse() {
        synchronized (route53) {
            return List.copyOf(deletedWhileInUse);
        }
    }

    boolean exists(String id) {
        return checks.containsKey(id);
    }

    private Stored owned(String owner, String id, String action) {
        Ownership.requireOwner(owner);
        Stored check = existing(id, action);
        String tagged = check.tags.get(Ownership.OWNER_TAG);
        if (!check.createdFor.equals(Optional.of(owner)) || tagged != null && !tagged.equals(owner)) {
            throw new NotOwned("Health check " + id + " was not created by Fivenines for " + owner
                    + (tagged == null ? "" : " (its " + Ownership.OWNER_TAG + " tag says " + tagged + ")")
                    + "; Fivenines does not change or delete it.", action, null);
        }
        if (tagged == null) {
            tag(check, owner);
        }
        return check;
    }

    private Stored existing(String id, String action) {
        Stored check = checks.get(id);
        if (check == null) {
            throw new NotFound("Health check " + id + " does not exist.", action, null);
        }
        return check;
    }

    private Stored store(Optional<String> createdFor, HealthCheckSpec spec) {
        created++;
        Stored check = new Stored(String.format("00000000-0000-4000-8000-%012d", created), createdFor, spec);
        checks.put(check.id, check);
        return check;
    }

    private static void tag(Stored check, String owner) {
        check.tags.put(Ownership.OWNER_TAG, owner);
        check.tags.put("Name", owner);
    }

    private static HealthCheck domain(Stored check, String owner) {
        return new HealthCheck(check.id, owner, check.spec, check.version);
    }

    /**
     * Eight checkers, all seeing the endpoint as {@link #setEndpointHealthy} last said (healthy by default); the
     * check's inverted flag is its spec's.
     */
    @Override
    public HealthCheckStatus status(String id) {
        synchronized (route53) {
            Stored check = checks.get(id);
            if (check == null) {
                throw new NotFound("Health check " + id + " does not exist.", "route53:GetHealthCheckStatus", null);
            }
            boolean healthy = endpointHealthy.getOrDefault(id, true);
            List<HealthCheckStatus.Observation> observations = new ArrayList<>();
            for (String region : List.of("us-east-1", "us-west-1", "us-west-2", "eu-west-1", "ap-southeast-1", "ap-southeast-2",
                    "ap-northeast-1", "sa-east-1")) {
                observations.add(new HealthCheckStatus.Observation(region, "198.51.100." + observations.size(), healthy,
                        healthy ? "Success: HTTP Status Code 200, OK" : "Failure: HTTP Status Code 503, Service Unavailable",
                        Optional.of(java.time.Instant.EPOCH)));
            }
            return new HealthCheckStatus(id, check.spec.inverted(), false, observations);
        }
    }

    /** What every checker sees of the health check's endpoint from now on. */
    public void setEndpointHealthy(String id, boolean healthy) {
        synchronized (route53) {
            endpointHealthy.put(id, healthy);
        }
    }
}

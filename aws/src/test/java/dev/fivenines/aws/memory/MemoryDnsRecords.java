package dev.fivenines.aws.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.fivenines.aws.DnsNames;
import dev.fivenines.aws.DnsRecord;
import dev.fivenines.aws.DnsRecords;
import dev.fivenines.aws.FailoverRecord;
import dev.fivenines.aws.InvalidRequest;
import dev.fivenines.aws.NotFound;
import dev.fivenines.aws.NotOwned;
import dev.fivenines.aws.Ownership;

/**
 * {@link DnsRecords} in memory, on the rules {@code DnsRecordsContract} encodes: a record is the owner's when its
 * ownership was recorded with it; a record without one, or another owner's, is never changed or deleted
 * ({@link NotOwned}); one PRIMARY and one SECONDARY per name and type; an unchanged record costs no change batch. As
 * Route 53 does, it refuses names outside the hosted zone and health checks that do not exist. Made by
 * {@link MemoryRoute53}, with which it shares its lock.
 */
public final class MemoryDnsRecords implements DnsRecords {

    private static final String CHANGE = "route53:ChangeResourceRecordSets";

    /** Where one owner's record lives. */
    private record Slot(String name, String setIdentifier) {
    }

    /** A hosted zone: its record sets and the owners recorded for them. */
    private static final class Zone {
        final String name;
        final List<DnsRecord> records = new ArrayList<>();
        final Map<Slot, String> owners = new LinkedHashMap<>();

        Zone(String name) {
            this.name = name;
        }
    }

    private final MemoryRoute53 route53;
    private final Map<String, Zone> zones = new LinkedHashMap<>();
    private long changeBatches;

    MemoryDnsRecords(MemoryRoute53 route53) {
        this.route53 = route53;
    }

    /** Creates a hosted zone for the domain name and returns its id. */
    public String createHostedZone(String name) {
        synchronized (route53) {
            String id = "Z" + String.format("%020d", zones.size() + 1);
            zones.put(id, new Zone(DnsNames.normalize(name)));
            return id;
        }
    }

    @Override
    public List<DnsRecord> list(String hostedZoneId, String name) {
        String normalized = DnsNames.normalize(name);
        synchronized (route53) {
            Zone zone = zone(hostedZoneId, "route53:ListResourceRecordSets");
            return zone.records.stream().filter(record -> record.name().equals(normalized))
                    .map(record -> withOwner(record, record.setIdentifier()
                            .map(identifier -> zone.owners.get(new Slot(normalized, identifier)))))
                    .toList();
        }
    }

    @Override
    public boolean upsert(String hostedZoneId, String owner, FailoverRecord record, boolean adoptUnowned) {
        Ownership.requireOwner(owner);
        synchronized (route53) {
            Zone zone = zone(hostedZoneId, CHANGE);
            requireInZone(zone, record.name());
            Slot slot = new Slot(record.name(), record.setIdentifier());
            String claim = zone.owners.get(slot);
            List<DnsRecord> inSlot = inSlot(zone, slot);
            if (!(adoptUnowned && claim == null)) {
                refuseIfNotOwned(owner, slot, claim, inSlot);
            }
            List<DnsRecord> rivals = adoptUnowned ? unownedRivals(zone, record) : List.of();
            refuseRoleClash(zone, owner, record, rivals);
            record.healthCheckId().filter(id -> !route53.healthChecks().exists(id)).ifPresent(id -> {
                throw new NotFound("The health check " + id + " that record " + record.name() + " refers to does not exist.",
                        CHANGE, null);
            });
            if (claim != null && inSlot.size() == 1 && inSlot.get(0).matches(record)) {
                return false;
            }
            zone.records.removeAll(inSlot);
            zone.records.removeAll(rivals);
            zone.records.add(stored(record));
            zone.owners.put(slot, owner);
            changeBatches++;
            return true;
        }
    }

    @Override
    public boolean delete(String hostedZoneId, String owner, String name, String setIdentifier) {
        Ownership.requireOwner(owner);
        synchronized (route53) {
            Zone zone = zone(hostedZoneId, CHANGE);
            Slot slot = new Slot(DnsNames.normalize(name), setIdentifier);
            String claim = zone.owners.get(slot);
            List<DnsRecord> inSlot = inSlot(zone, slot);
            if (claim == null && inSlot.isEmpty()) {
                return false;
            }
            refuseIfNotOwned(owner, slot, claim, inSlot);
            zone.records.removeAll(inSlot);
            zone.owners.remove(slot);
            changeBatches++;
            return true;
        }
    }

    /** Creates a record as a person would (Route 53 CREATE), recording no owner; refused when it exists. */
    public void createByHand(String hostedZoneId, FailoverRecord record) {
        synchronized (route53) {
            Zone zone = zone(hostedZoneId, CHANGE);
            requireInZone(zone, record.name());
            if (zone.records.stream().anyMatch(existing -> sameSet(existing, record))) {
                throw new InvalidRequest("Tried to create resource record set " + record.name() + " type " + record.type()
                        + " but it already exists", CHANGE, null);
            }
            zone.records.add(stored(record));
        }
    }

    /** Overwrites the record at its name, type and set identifier as a person would (Route 53 UPSERT). */
    public void changeByHand(String hostedZoneId, FailoverRecord record) {
        synchronized (route53) {
            Zone zone = zone(hostedZoneId, CHANGE);
            requireInZone(zone, record.name());
            zone.records.removeIf(existing -> sameSet(existing, record));
            zone.records.add(stored(record));
        }
    }

    /** Deletes the record sets at (name, set identifier) as a person would; the ownership record stays, as it would. */
    public void deleteByHand(String hostedZoneId, String name, String setIdentifier) {
        synchronized (route53) {
            Zone zone = zone(hostedZoneId, CHANGE);
            zone.records.removeAll(inSlot(zone, new Slot(DnsNames.normalize(name), setIdentifier)));
        }
    }

    /** How many change batches the port sent: an unchanged record costs none. */
    public long changeBatches() {
        synchronized (route53) {
            return changeBatches;
        }
    }

    boolean refersTo(String healthCheckId) {
        return zones.values().stream().flatMap(zone -> zone.records.stream())
                .anyMatch(record -> record.healthCheckId().equals(Optional.of(healthCheckId)));
    }

    private Zone zone(String hostedZoneId, String action) {
        Zone zone = zones.get(hostedZoneId);
        if (zone == null) {
            throw new NotFound("hosted zone " + hostedZoneId + " does not exist.", action, null);
        }
        return zone;
    }

    private static void requireInZone(Zone zone, String name) {
        if (!name.equals(zone.name) && !name.endsWith("." + zone.name)) {
            throw new InvalidRequest("AWS refused " + CHANGE + ": RRSet with DNS name " + name + " is not permitted in zone "
                    + zone.name, CHANGE, null);
        }
    }

    private static List<DnsRecord> inSlot(Zone zone, Slot slot) {
        return zone.records.stream().filter(record -> record.name().equals(slot.name())
                && record.setIdentifier().equals(Optional.of(slot.setIdentifier()))).toList();
    }

    private static void refuseIfNotOwned(String owner, Slot slot, String claim, List<DnsRecord> inSlot) {
        if (claim != null && !claim.equals(owner)) {
            throw new NotOwned("The record " + slot.name() + " with set identifier " + slot.setIdentifier() + " belongs to "
                    + claim + ", not to " + owner + "; Fivenines leaves it alone. Give this deployment another set identifier "
                    + "or remove the other.", CHANGE, null);
        }
        if (claim == null && !inSlot.isEmpty()) {
            throw new NotOwned("A record " + slot.name() + " with set identifier " + slot.setIdentifier() + " exists that "
                    + "Fivenines did not create; it is never changed or deleted. Remove it by hand, use another set "
                    + "identifier, or adopt it explicitly (spec.dns.adoptExisting).", CHANGE, null);
        }
    }

    private static List<DnsRecord> unownedRivals(Zone zone, FailoverRecord record) {
        return zone.records.stream().filter(other -> other.name().equals(record.name()) && other.setIdentifier().isPresent()
                && !other.setIdentifier().get().equals(record.setIdentifier())
                && !zone.owners.containsKey(new Slot(other.name(), other.setIdentifier().get()))
                && other.type().equals(record.type().name()) && other.failover().equals(Optional.of(record.failover()))).toList();
    }

    private static void refuseRoleClash(Zone zone, String owner, FailoverRecord record, List<DnsRecord> replaced) {
        for (DnsRecord other : zone.records) {
            if (replaced.contains(other)) {
                continue;
            }
            if (other.name().equals(record.name()) && other.setIdentifier().isPresent()
                    && !other.setIdentifier().get().equals(record.setIdentifier())
                    && other.type().equals(record.type().name()) && other.failover().equals(Optional.of(record.failover()))) {
                String otherOwner = Optional.ofNullable(zone.owners.get(new Slot(other.name(), other.setIdentifier().get())))
                        .orElse("no one known to Fivenines");
                throw new NotOwned(record.name() + " already has a " + record.failover() + " " + record.type()
                        + " record (set identifier " + other.setIdentifier().get() + ", owned by " + otherOwner + "), so "
                        + owner + " cannot have one too. Check that only one deployment claims this role for the name.",
                        CHANGE, null);
            }
        }
    }

    private static boolean sameSet(DnsRecord existing, FailoverRecord record) {
        return existing.name().equals(record.name()) && existing.type().equals(record.type().name())
                && existing.setIdentifier().equals(Optional.of(record.setIdentifier()));
    }

    private static DnsRecord stored(FailoverRecord record) {
        return new DnsRecord(record.name(), record.type().name(), Optional.of(record.setIdentifier()), Optional.of(record.failover()),
                record.healthCheckId(), record.ttl(), record.values(), record.alias(), Optional.empty());
    }

    private static DnsRecord withOwner(DnsRecord record, Optional<String> owner) {
        return new DnsRecord(record.name(), record.type(), record.setIdentifier(), record.failover(), record.healthCheckId(),
                record.ttl(), record.values(), record.alias(), owner);
    }
}

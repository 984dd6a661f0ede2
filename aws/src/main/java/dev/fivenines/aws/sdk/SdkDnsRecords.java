package dev.fivenines.aws.sdk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fivenines.aws.AliasTarget;
import dev.fivenines.aws.DnsNames;
import dev.fivenines.aws.DnsRecord;
import dev.fivenines.aws.DnsRecords;
import dev.fivenines.aws.Failover;
import dev.fivenines.aws.FailoverRecord;
import dev.fivenines.aws.NotOwned;
import dev.fivenines.aws.Ownership;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.ResourceRecordSetFailover;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * {@link DnsRecords} on the AWS SDK v2. Record sets are listed from the record's name with
 * {@code StartRecordName} and the largest page Route 53 allows, then filtered by name; a continuation is followed only
 * while it makes progress (moto's server has no paging cursor). Every change is one atomic change batch: the record
 * with its ownership record, and a DELETE always names the exact record set as listed.
 */
public final class SdkDnsRecords implements DnsRecords {

    private static final Logger LOG = LoggerFactory.getLogger(SdkDnsRecords.class);
    private static final String PAGE = "300";
    private static final int MAX_PAGES = 20;

    /** What is at a name: its record sets and the ownership records of their set identifiers. */
    private record Snapshot(List<ResourceRecordSet> records, Map<String, Claim> claims) {
    }

    /** An ownership record as listed, with the record set to delete it by. */
    private record Claim(OwnershipRecord ownership, ResourceRecordSet txt) {
    }

    private final AwsClients clients;

    public SdkDnsRecords(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public List<DnsRecord> list(String hostedZoneId, String name) {
        Snapshot snapshot = snapshot(hostedZoneId, DnsNames.normalize(name));
        List<DnsRecord> records = new ArrayList<>();
        for (ResourceRecordSet record : snapshot.records()) {
            Optional<String> owner = Optional.ofNullable(record.setIdentifier())
                    .map(snapshot.claims()::get)
                    .map(claim -> claim.ownership().owner());
            records.add(domain(record, owner));
        }
        return records;
    }

    @Override
    public boolean upsert(String hostedZoneId, String owner, FailoverRecord record, boolean adoptUnowned) {
        Ownership.requireOwner(owner);
        Snapshot snapshot = snapshot(hostedZoneId, record.name());
        Claim claim = snapshot.claims().get(record.setIdentifier());
        List<ResourceRecordSet> slot = slot(snapshot, record.setIdentifier());
        if (!(adoptUnowned && claim == null)) {
            refuseIfNotOwned(owner, record.name(), record.setIdentifier(), claim, slot, "route53:ChangeResourceRecordSets");
        }
        List<ResourceRecordSet> rivals = adoptUnowned ? unownedRivals(record, snapshot) : List.of();
        refuseRoleClash(owner, record, snapshot, rivals);

        List<Change> changes = new ArrayList<>();
        if (claim == null) {
            OwnershipRecord ownership = new OwnershipRecord(record.name(), record.setIdentifier(), owner);
            changes.add(change(ChangeAction.CREATE, txt(ownership)));
        }
        rivals.forEach(rival -> changes.add(change(ChangeAction.DELETE, rival)));
        if (claim == null && (!slot.isEmpty() || !rivals.isEmpty())) {
            LOG.info("Adopting {} for {}: {} record(s) made outside Fivenines are replaced in one change batch", record.name(), owner,
                    slot.size() + rivals.size());
        }
        boolean same = false;
        for (ResourceRecordSet existing : slot) {
            if (!existing.typeAsString().equals(record.type().name())) {
                changes.add(change(ChangeAction.DELETE, existing));
            } else {
                same = domain(existing, Optional.of(owner)).matches(record);
            }
        }
        if (same && changes.isEmpty()) {
            return false;
        }
        changes.add(change(ChangeAction.UPSERT, recordSet(record)));
        submit(hostedZoneId, changes, record.name(), record.setIdentifier());
        LOG.info("Upserted {} {} {} ({}) in {} for {}", record.failover(), record.name(), record.type(),
                record.setIdentifier(), hostedZoneId, owner);
        return true;
    }

    @Override
    public boolean delete(String hostedZoneId, String owner, String name, String setIdentifier) {
        Ownership.requireOwner(owner);
        String normalized = DnsNames.normalize(name);
        Snapshot snapshot = snapshot(hostedZoneId, normalized);
        Claim claim = snapshot.claims().get(setIdentifier);
        List<ResourceRecordSet> slot = slot(snapshot, setIdentifier);
        if (claim == null && slot.isEmpty()) {
            return false;
        }
        refuseIfNotOwned(owner, normalized, setIdentifier, claim, slot, "route53:ChangeResourceRecordSets");
        List<Change> changes = new ArrayList<>();
        slot.forEach(record -> changes.add(change(ChangeAction.DELETE, record)));
        changes.add(change(ChangeAction.DELETE, claim.txt()));
        submit(hostedZoneId, changes, normalized, setIdentifier);
        LOG.info("Deleted {} ({}) in {} of {}", normalized, setIdentifier, hostedZoneId, owner);
        return true;
    }

    private Snapshot snapshot(String zone, String name) {
        List<ResourceRecordSet> records = listFrom(zone, name, recordName -> recordName.equals(name));
        String ownershipZone = OwnershipRecord.zoneOf(name);
        Map<String, Claim> claims = new HashMap<>();
        for (ResourceRecordSet txt : listFrom(zone, ownershipZone,
                recordName -> recordName.equals(ownershipZone) || recordName.endsWith("." + ownershipZone))) {
            if (txt.type() != RRType.TXT || txt.resourceRecords().isEmpty()) {
                continue;
            }
            OwnershipRecord.parse(name, txt.resourceRecords().get(0).value())
                    .filter(ownership -> DnsNames.normalize(ownership.name()).equals(DnsNames.normalize(txt.name())))
                    .ifPresent(ownership -> claims.put(ownership.setIdentifier(), new Claim(ownership, txt)));
        }
        return new Snapshot(records, claims);
    }

    /** The record sets from {@code start} on whose name passes the filter. */
    private List<ResourceRecordSet> listFrom(String zone, String start, Predicate<String> wanted) {
        List<ResourceRecordSet> found = new ArrayList<>();
        String nextName = start;
        String nextType = null;
        String nextIdentifier = null;
        try {
            for (int page = 0; page < MAX_PAGES; page++) {
                String name = nextName;
                String type = nextType;
                String identifier = nextIdentifier;
                ListResourceRecordSetsResponse response = route53().listResourceRecordSets(b -> b.hostedZoneId(zone)
                        .startRecordName(name).startRecordType(type).startRecordIdentifier(identifier).maxItems(PAGE));
                // listed in Route 53's order from the start name: once a page ends with another name, there is no more
                boolean reachedOthers = false;
                for (ResourceRecordSet record : response.resourceRecordSets()) {
                    reachedOthers = !wanted.test(DnsNames.normalize(unescape(record.name())));
                    if (!reachedOthers) {
                        found.add(record);
                    }
                }
                boolean progress = response.nextRecordName() != null
                        && !(response.nextRecordName().equals(name)
                                && Objects.equals(response.nextRecordTypeAsString(), type)
                                && Objects.equals(response.nextRecordIdentifier(), identifier));
                if (!Boolean.TRUE.equals(response.isTruncated()) || reachedOthers || !progress) {
                    return found;
                }
                nextName = response.nextRecordName();
                nextType = response.nextRecordTypeAsString();
                nextIdentifier = response.nextRecordIdentifier();
            }
            return found;
        } catch (SdkException e) {
            throw AwsErrors.map(e, "route53:ListResourceRecordSets", null, "records at " + start + " in hosted zone " + zone);
        }
    }

    private void submit(String zone, List<Change> changes, String name, String setIdentifier) {
        try {
            route53().changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(batch -> batch
                    .comment("Fivenines: " + name + " " + setIdentifier)
                    .changes(changes)));
        } catch (AwsServiceException e) {
            String message = AwsErrors.awsMessage(e);
            if ("InvalidChangeBatch".equals(AwsErrors.code(e)) && message != null && message.contains("already exists")) {
                throw new NotOwned("Another writer created a record at " + name + " (" + setIdentifier + ") at the same "
                        + "time; Fivenines leaves it alone. AWS said: " + message, "route53:ChangeResourceRecordSets", null, e);
            }
            throw AwsErrors.map(e, "route53:ChangeResourceRecordSets", null, "record " + name + " (" + setIdentifier
                    + ") in hosted zone " + zone);
        } catch (SdkException e) {
            throw AwsErrors.map(e, "route53:ChangeResourceRecordSets", null, "record " + name + " (" + setIdentifier
                    + ") in hosted zone " + zone);
        }
    }

    private static void refuseIfNotOwned(String owner, String name, String setIdentifier, Claim claim,
            List<ResourceRecordSet> slot, String action) {
        if (claim != null && !claim.ownership().owner().equals(owner)) {
            throw new NotOwned("The record " + name + " with set identifier " + setIdentifier + " belongs to "
                    + claim.ownership().owner() + ", not to " + owner + "; Fivenines leaves it alone. Give this "
                    + "deployment another set identifier or remove the other.", action, null);
        }
        if (claim == null && !slot.isEmpty()) {
            throw new NotOwned("A record " + name + " with set identifier " + setIdentifier + " exists that Fivenines "
                    + "did not create; it is never changed or deleted. Remove it by hand, use another set identifier, or adopt it "
                    + "explicitly (spec.dns.adoptExisting).",
                    action, null);
        }
    }

    /** Records of the same type and failover role as {@code record} under another set identifier, owned by no one known. */
    private static List<ResourceRecordSet> unownedRivals(FailoverRecord record, Snapshot snapshot) {
        return snapshot.records().stream().filter(other -> other.setIdentifier() != null
                && !other.setIdentifier().equals(record.setIdentifier()) && !snapshot.claims().containsKey(other.setIdentifier())
                && other.typeAsString().equals(record.type().name()) && record.failover().name().equals(other.failoverAsString())).toList();
    }

    /**
     * Route 53 allows one PRIMARY and one SECONDARY per name and type; another deployment's role is refused here, except
     * the records being adopted ({@code replaced}).
     */
    private static void refuseRoleClash(String owner, FailoverRecord record, Snapshot snapshot, List<ResourceRecordSet> replaced) {
        for (ResourceRecordSet other : snapshot.records()) {
            if (replaced.contains(other)) {
                continue;
            }
            if (other.setIdentifier() != null && !other.setIdentifier().equals(record.setIdentifier())
                    && other.typeAsString().equals(record.type().name())
                    && record.failover().name().equals(other.failoverAsString())) {
                String otherOwner = Optional.ofNullable(snapshot.claims().get(other.setIdentifier()))
                        .map(claim -> claim.ownership().owner()).orElse("no one known to Fivenines");
                throw new NotOwned(record.name() + " already has a " + record.failover() + " " + record.type()
                        + " record (set identifier " + other.setIdentifier() + ", owned by " + otherOwner + "), so "
                        + owner + " cannot have one too. Check that only one deployment claims this role for the name.",
                        "route53:ChangeResourceRecordSets", null);
            }
        }
    }

    private static List<ResourceRecordSet> slot(Snapshot snapshot, String setIdentifier) {
        return snapshot.records().stream().filter(record -> setIdentifier.equals(record.setIdentifier())).toList();
    }

    private static Change change(ChangeAction action, ResourceRecordSet record) {
        return Change.builder().action(action).resourceRecordSet(record).build();
    }

    private static ResourceRecordSet txt(OwnershipRecord ownership) {
        return ResourceRecordSet.builder()
                .name(ownership.name())
                .type(RRType.TXT)
                .ttl(OwnershipRecord.TTL)
                .resourceRecords(ResourceRecord.builder().value(ownership.value()).build())
                .build();
    }

    private static ResourceRecordSet recordSet(FailoverRecord record) {
        ResourceRecordSet.Builder builder = ResourceRecordSet.builder()
                .name(record.name())
                .type(record.type().name())
                .setIdentifier(record.setIdentifier())
                .failover(record.failover() == Failover.PRIMARY ? ResourceRecordSetFailover.PRIMARY : ResourceRecordSetFailover.SECONDARY)
                .healthCheckId(record.healthCheckId().orElse(null));
        record.alias().ifPresentOrElse(alias -> builder.aliasTarget(target -> target
                        .hostedZoneId(alias.hostedZoneId()).dnsName(alias.dnsName()).evaluateTargetHealth(alias.evaluateTargetHealth())),
                () -> builder.ttl(record.ttl().orElseThrow())
                        .resourceRecords(record.values().stream().map(value -> ResourceRecord.builder().value(value).build()).toList()));
        return builder.build();
    }

    private static DnsRecord domain(ResourceRecordSet record, Optional<String> owner) {
        Optional<Failover> failover = record.failover() == null || record.failover() == ResourceRecordSetFailover.UNKNOWN_TO_SDK_VERSION
                ? Optional.empty()
                : Optional.of(Failover.valueOf(record.failoverAsString()));
        Optional<AliasTarget> alias = Optional.ofNullable(record.aliasTarget()).map(target -> new AliasTarget(
                target.hostedZoneId(), target.dnsName(), Boolean.TRUE.equals(target.evaluateTargetHealth())));
        return new DnsRecord(unescape(record.name()), record.typeAsString(), Optional.ofNullable(record.setIdentifier()),
                failover, Optional.ofNullable(record.healthCheckId()).filter(id -> !id.isEmpty()),
                alias.isPresent() ? Optional.empty() : Optional.ofNullable(record.ttl()),
                record.resourceRecords().stream().map(ResourceRecord::value).toList(), alias, owner);
    }

    /** Route 53 lists some characters as octal escapes ({@code \052} for {@code *}). */
    private static String unescape(String name) {
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' && i + 3 < name.length() && name.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                plain.append((char) Integer.parseInt(name.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                plain.append(c);
            }
        }
        return plain.toString();
    }

    private Route53Client route53() {
        return clients.route53();
    }
}

package dev.fivenines.auth.consistency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.fivenines.auth.storage.AuditEntry;
import dev.fivenines.auth.storage.AuditedItem;
import dev.fivenines.auth.storage.AuthStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Compares a tenant's roles, access records and clients in the auth table with its audit trail: every stored item must
 * be in the state its latest audit entry leaves it in, and every item whose latest audit entry leaves it in place must
 * be stored; an item whose latest entry deletes it must be absent.
 *
 * <p>The latest entry of a target is the one with the latest {@code at} (then the highest id), not the last in sort key
 * order. The store writes sort keys that start with the time at a fixed width (nanoseconds always written), so for its
 * entries the two orders agree; an entry whose sort key starts with the time as {@link Instant#toString()} writes it
 * (which drops trailing zeros of the fraction, as the store's keys did before they were of fixed width, or as a hand
 * edit may) sorts out of time order, and {@code at} still orders it right.
 *
 * <p>Items and audit entries are read in separate queries, so a change written while a tenant is read can look like a
 * discrepancy. A tenant with discrepancies is therefore read a second time, and only discrepancies seen both times (same
 * kind, target and latest audit entry) are reported, as the second read found them.
 */
public final class ConsistencyCheck {

    private static final Set<String> AUDITED_KINDS = Set.of("role", "record", "client");
    private static final Comparator<AuditEntry> TIME_ORDER = Comparator.comparing(AuditEntry::at).thenComparing(AuditEntry::id);

    private final AuthStore store;
    private final Clock clock;

    public ConsistencyCheck(AuthStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A check of the tables {@code <tablePrefix>-auth} and {@code <tablePrefix>-audit} through {@code dynamo}. */
    public static ConsistencyCheck of(DynamoDbClient dynamo, String tablePrefix, Clock clock) {
        return new ConsistencyCheck(new AuthStore(dynamo, tablePrefix, clock), clock);
    }

    /** Every tenant with an item in the auth table or an entry in the audit trail. */
    public ConsistencyReport checkAllTenants() {
        Instant started = clock.instant();
        return check(store.tenants(), null, started);
    }

    public ConsistencyReport checkTenant(String tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return check(List.of(tenant), tenant, clock.instant());
    }

    private ConsistencyReport check(Collection<String> tenants, String only, Instant started) {
        long items = 0;
        long entries = 0;
        int rechecked = 0;
        List<Discrepancy> discrepancies = new ArrayList<>();
        for (String tenant : tenants) {
            TenantComparison first = compare(tenant);
            items += first.items();
            entries += first.entries();
            if (first.discrepancies().isEmpty()) {
                continue;
            }
            rechecked++;
            TenantComparison second = compare(tenant);
            entries += second.entries();
            Set<String> seenFirst = first.discrepancies().stream().map(ConsistencyCheck::identity).collect(Collectors.toSet());
            second.discrepancies().stream().filter(d -> seenFirst.contains(identity(d))).forEach(discrepancies::add);
        }
        return new ConsistencyReport(only, started.toString(), Duration.between(started, clock.instant()).toMillis(), tenants.size(),
                items, entries, rechecked, discrepancies);
    }

    private static String identity(Discrepancy discrepancy) {
        return discrepancy.kind() + " " + discrepancy.target() + " " + discrepancy.auditEntry();
    }

    private record TenantComparison(long items, long entries, List<Discrepancy> discrepancies) {
    }

    private TenantComparison compare(String tenant) {
        List<Discrepancy> found = new ArrayList<>();
        Map<String, AuditEntry> latest = new HashMap<>();
        long[] entries = { 0 };
        store.readAuditTrail(tenant, entry -> {
            entries[0]++;
            if (entry.target() == null || entry.at() == null) {
                found.add(new Discrepancy(tenant, DiscrepancyKind.UNREADABLE_AUDIT, entry.target(), null, null, entry.id(),
                        entry.target() == null ? "the audit entry names no target" : "the audit entry has no readable time (at)"));
            } else if (AUDITED_KINDS.contains(kindOf(entry.target()))) {
                latest.merge(entry.target(), entry, (a, b) -> TIME_ORDER.compare(a, b) >= 0 ? a : b);
            }
        });
        List<AuditedItem> items = store.auditedItems(tenant);
        for (AuditedItem item : items) {
            AuditEntry last = latest.remove(item.target());
            compareStored(tenant, item, last).ifPresent(found::add);
        }
        for (AuditEntry last : latest.values()) {
            if (last.after() != null) {
                found.add(new Discrepancy(tenant, DiscrepancyKind.MISSING_ITEM, last.target(), null, parsedOrText(last.after()), last.id(),
                        "the latest audit entry (" + describe(last) + ") leaves it in place, and the table has no such item"));
            }
        }
        return new TenantComparison(items.size(), entries[0], found);
    }

    private static Optional<Discrepancy> compareStored(String tenant, AuditedItem item, AuditEntry last) {
        if (!item.readable()) {
            return Optional.of(new Discrepancy(tenant, DiscrepancyKind.UNREADABLE_ITEM, item.target(), null,
                    last == null || last.after() == null ? null : parsedOrText(last.after()), last == null ? null : last.id(),
                    "the stored item cannot be read: " + item.unreadableBecause()));
        }
        JsonNode stored;
        try {
            stored = CanonicalJson.parse(item.state());
        } catch (JsonProcessingException e) {
            return Optional.of(new Discrepancy(tenant, DiscrepancyKind.UNREADABLE_ITEM, item.target(), TextNode.valueOf(item.state()),
                    null, last == null ? null : last.id(), "the stored item's state is not valid JSON: " + e.getOriginalMessage()));
        }
        if (last == null) {
            return Optional.of(new Discrepancy(tenant, DiscrepancyKind.MISSING_AUDIT, item.target(), stored, null, null,
                    "the table holds the item and no audit entry names it"));
        }
        if (last.after() == null) {
            return Optional.of(new Discrepancy(tenant, DiscrepancyKind.DELETED_BUT_PRESENT, item.target(), stored, null, last.id(),
                    "the latest audit entry (" + describe(last) + ") deletes it, and the table still holds it"));
        }
        JsonNode audited;
        try {
            audited = CanonicalJson.parse(last.after());
        } catch (JsonProcessingException e) {
            return Optional.of(new Discrepancy(tenant, DiscrepancyKind.UNREADABLE_AUDIT, item.target(), stored,
                    TextNode.valueOf(last.after()), last.id(), "the latest audit entry's after is not valid JSON: " + e.getOriginalMessage()));
        }
        if (!CanonicalJson.sameState(stored, audited)) {
            return Optional.of(new Discrepancy(tenant, DiscrepancyKind.STATE_DIFFERS, item.target(), stored, audited, last.id(),
                    "the stored item is not in the state the latest audit entry (" + describe(last) + ") leaves it in"));
        }
        return Optional.empty();
    }

    private static String kindOf(String target) {
        int colon = target.indexOf(':');
        return colon < 0 ? target : target.substring(0, colon);
    }

    private static String describe(AuditEntry entry) {
        return entry.action() + " by " + entry.actor() + " at " + entry.at();
    }

    private static JsonNode parsedOrText(String json) {
        try {
            return CanonicalJson.parse(json);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(json);
        }
    }
}

package dev.fivenines.auth.consistency;

import static dev.fivenines.auth.consistency.LocalTables.key;
import static dev.fivenines.auth.consistency.LocalTables.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fivenines.auth.authz.AccessRecord;
import dev.fivenines.auth.authz.Role;
import dev.fivenines.auth.authz.Subject;
import dev.fivenines.auth.storage.AuditEntry;
import dev.fivenines.auth.storage.AuthStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The check on DynamoDB Local: state written through the store agrees with its audit trail, and each way of changing
 * the tables behind the store's back is reported with its kind and target.
 */
class ConsistencyCheckTest {

    private static LocalTables tables;

    private String prefix;
    private AuthStore store;
    private ConsistencyCheck check;

    @BeforeAll
    static void start() {
        tables = LocalTables.start();
    }

    @AfterAll
    static void stop() {
        tables.close();
    }

    @BeforeEach
    void freshTables() {
        prefix = tables.newTables();
        store = tables.store(prefix);
        check = new ConsistencyCheck(store, Clock.systemUTC());
    }

    /** Four items (roles reader and editor, record r1, client ci) written with nine audit entries. */
    private void seed(String tenant) {
        store.putRole(tenant, new Role("reader", Set.of("documents:read"), 0), 0, "user:admin");
        store.putRole(tenant, new Role("reader", Set.of("documents:read", "documents:list"), 0), 1, "user:admin");
        store.putRole(tenant, new Role("editor", Set.of("documents:*"), 0), 0, "user:admin");
        store.putAccessRecord(tenant, new AccessRecord("r1", Subject.user("alice"), "reader", "/documents", 0), 0, "user:admin");
        store.putAccessRecord(tenant, new AccessRecord("r2", Subject.group("finance"), "editor", "/documents/*", 0), 0, "user:admin");
        store.deleteAccessRecord(tenant, "r2", 1, "user:admin");
        store.putClient(tenant, "ci", "0".repeat(64), Set.of("admin"), 0, "user:admin");
        store.putRole(tenant, new Role("temp", Set.of("*"), 0), 0, "user:admin");
        store.deleteRole(tenant, "temp", 1, "user:admin");
    }

    private AuditEntry latestEntryOf(String tenant, String target) {
        List<AuditEntry> trail = tables.auditTrail(prefix, tenant);
        return trail.stream().filter(e -> target.equals(e.target())).reduce((a, b) -> b).orElseThrow();
    }

    private void putAuditEntry(String tenant, Instant at, String action, String target, String before, String after) {
        Map<String, AttributeValue> entry = new HashMap<>(key(tenant, at + "#test"));
        entry.put("actor", AttributeValue.fromS("user:someone"));
        entry.put("action", AttributeValue.fromS(action));
        entry.put("target", AttributeValue.fromS(target));
        entry.put("at", AttributeValue.fromS(at.toString()));
        if (before != null) {
            entry.put("before", AttributeValue.fromS(before));
        }
        if (after != null) {
            entry.put("after", AttributeValue.fromS(after));
        }
        tables.dynamo.putItem(p -> p.tableName(prefix + "-audit").item(entry));
    }

    @Test
    void stateWrittenThroughTheStoreAgreesWithItsAuditTrail() {
        String tenant = tenant();
        seed(tenant);

        ConsistencyReport report = check.checkTenant(tenant);

        assertThat(report.discrepancies()).isEmpty();
        assertThat(report.consistent()).isTrue();
        assertThat(report.tenant()).isEqualTo(tenant);
        assertThat(report.tenantsChecked()).isEqualTo(1);
        assertThat(report.itemsChecked()).as("roles reader and editor, record r1, client ci").isEqualTo(4);
        assertThat(report.auditEntriesRead()).isEqualTo(9);
        assertThat(report.tenantsRechecked()).isZero();
        assertThat(report.toJson()).contains("\"consistent\" : true").contains("\"discrepancies\" : [ ]");
    }

    @Test
    void anAttributeChangedBehindTheStoresBackIsStateDiffersShowingBothStates() {
        String tenant = tenant();
        seed(tenant);
        tables.dynamo.updateItem(u -> u.tableName(prefix + "-auth").key(key(tenant, "ROLE#reader")).updateExpression("SET #p = :p")
                .expressionAttributeNames(Map.of("#p", "permissions"))
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromL(List.of(AttributeValue.fromS("*"))))));

        ConsistencyReport report = check.checkTenant(tenant);

        assertThat(report.discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscrepancyKind.STATE_DIFFERS);
            assertThat(d.tenant()).isEqualTo(tenant);
            assertThat(d.target()).isEqualTo("role:reader");
            assertThat(d.stored().get("permissions").toString()).isEqualTo("[\"*\"]");
            assertThat(d.audited().get("permissions").toString()).isEqualTo("[\"documents:list\",\"documents:read\"]");
            assertThat(d.auditEntry()).isEqualTo(latestEntryOf(tenant, "role:reader").id());
            assertThat(d.detail()).contains("role.update by user:admin");
        });
        assertThat(report.tenantsRechecked()).isEqualTo(1);
        assertThat(report.toJson()).contains("\"kind\" : \"state-differs\"");
    }

    @Test
    void anItemDeletedBehindTheStoresBackIsMissingItem() {
        String tenant = tenant();
        seed(tenant);
        tables.dynamo.deleteItem(d -> d.tableName(prefix + "-auth").key(key(tenant, "RECORD#r1")));

        ConsistencyReport report = check.checkTenant(tenant);

        assertThat(report.discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscrepancyKind.MISSING_ITEM);
            assertThat(d.target()).isEqualTo("record:r1");
            assertThat(d.stored()).isNull();
            assertThat(d.audited().get("subject").asText()).isEqualTo("user:alice");
        });
        assertThat(report.itemsChecked()).isEqualTo(3);
    }

    @Test
    void anItemPutWithoutAuditIsMissingAudit() {
        String tenant = tenant();
        seed(tenant);
        Map<String, AttributeValue> ghost = new HashMap<>(key(tenant, "ROLE#ghost"));
        ghost.put("permissions", AttributeValue.fromL(List.of(AttributeValue.fromS("*"))));
        ghost.put("version", AttributeValue.fromN("1"));
        tables.dynamo.putItem(p -> p.tableName(prefix + "-auth").item(ghost));

        ConsistencyReport report = check.checkTenant(tenant);

        assertThat(report.discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscrepancyKind.MISSING_AUDIT);
            assertThat(d.target()).isEqualTo("role:ghost");
            assertThat(d.stored().get("name").asText()).isEqualTo("ghost");
            assertThat(d.audited()).isNull();
            assertThat(d.auditEntry()).isNull();
        });
    }

    @Test
    void deletingTheLatestAuditEntryLeavesTheItemAheadOfItsTrail() {
        String tenant = tenant();
        seed(tenant);
        AuditEntry readerUpdate = latestEntryOf(tenant, "role:reader");
        AuditEntry editorCreate = latestEntryOf(tenant, "role:editor");
        for (AuditEntry entry : List.of(readerUpdate, editorCreate)) {
            tables.dynamo.deleteItem(d -> d.tableName(prefix + "-audit").key(key(tenant, entry.id())));
        }

        ConsistencyReport report = check.checkTenant(tenant);

        assertThat(report.discrepancies()).extracting(Discrepancy::kind, Discrepancy::target).containsExactlyInAnyOrder(
                tuple(DiscrepancyKind.STATE_DIFFERS, "role:reader"),
                tuple(DiscrepancyKind.MISSING_AUDIT, "role:editor"));
        Discrepancy reader = report.discrepancies().stream().filter(d -> d.target().equals("role:reader")).findFirst().orElseThrow();
        assertThat(reader.stored().get("version").asLong()).isEqualTo(2);
        assertThat(reader.audited().get("version").asLong()).as("the create is now the latest entry").isEqualTo(1);
        assertThat(report.auditEntriesRead()).as("7 entries, read twice to confirm").isEqualTo(14);
    }

    @Test
    void aLaterAuditEntryDeletingAStoredItemIsDeletedButPresent() {
        String tenant = tenant();
        seed(tenant);
        Instant later = Instant.now().plusSeconds(5);
        putAuditEntry(tenant, later, "record.delete", "record:r1", latestEntryOf(tenant, "record:r1").after(), null);

        ConsistencyReport report = check.checkTenant(tenant);

        assertThat(report.discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscrepancyKind.DELETED_BUT_PRESENT);
            assertThat(d.target()).isEqualTo("record:r1");
            assertThat(d.stored().get("id").asText()).isEqualTo("r1");
            assertThat(d.audited()).isNull();
            assertThat(d.auditEntry()).isEqualTo(later + "#test");
            assertThat(d.detail()).contains("record.delete by user:someone");
        });
    }

    @Test
    void statesAreComparedAsValuesNotAsText() {
        String tenant = tenant();
        store.putRole(tenant, new Role("reader", Set.of("documents:read", "documents:list"), 0), 0, "user:admin");
        putAuditEntry(tenant, Instant.now().plusSeconds(5), "role.update", "role:reader", null,
                "{\"version\": 1.0, \"permissions\": [\"documents:read\", \"documents:list\"], \"name\": \"reader\"}");
        tables.dynamo.updateItem(u -> u.tableName(prefix + "-auth").key(key(tenant, "ROLE#reader")).updateExpression("SET #p = :p")
                .expressionAttributeNames(Map.of("#p", "permissions")).expressionAttributeValues(Map.of(":p",
                        AttributeValue.fromL(List.of(AttributeValue.fromS("documents:read"), AttributeValue.fromS("documents:list"))))));

        assertThat(check.checkTenant(tenant).discrepancies()).as("field order, number notation and set order differ").isEmpty();

        putAuditEntry(tenant, Instant.now().plusSeconds(10), "role.update", "role:reader", null,
                "{\"version\": 1, \"permissions\": [\"documents:read\"], \"name\": \"reader\"}");
        assertThat(check.checkTenant(tenant).discrepancies()).extracting(Discrepancy::kind).containsExactly(DiscrepancyKind.STATE_DIFFERS);
    }

    @Test
    void theLatestEntryIsTheLatestInTimeEvenWhereTheSortKeyTextOrdersItFirst() {
        String tenant = tenant();
        Instant wholeSecond = Instant.parse("2030-01-01T00:00:01Z");
        Instant halfSecondLater = Instant.parse("2030-01-01T00:00:01.500Z");
        assertThat(wholeSecond + "#test").as("precondition: the later entry's sort key sorts first").isGreaterThan(halfSecondLater + "#test");
        Map<String, AttributeValue> role = new HashMap<>(key(tenant, "ROLE#clock"));
        role.put("permissions", AttributeValue.fromL(List.of(AttributeValue.fromS("*"))));
        role.put("version", AttributeValue.fromN("2"));
        tables.dynamo.putItem(p -> p.tableName(prefix + "-auth").item(role));
        putAuditEntry(tenant, wholeSecond, "role.create", "role:clock", null, "{\"name\":\"clock\",\"permissions\":[\"documents:read\"],\"version\":1}");
        putAuditEntry(tenant, halfSecondLater, "role.update", "role:clock", "{\"name\":\"clock\",\"permissions\":[\"documents:read\"],\"version\":1}",
                "{\"name\":\"clock\",\"permissions\":[\"*\"],\"version\":2}");

        assertThat(check.checkTenant(tenant).discrepancies()).isEmpty();
    }

    @Test
    void damagedItemsAndAuditEntriesAreReportedNotFatal() {
        String tenant = tenant();
        seed(tenant);
        tables.dynamo.updateItem(u -> u.tableName(prefix + "-auth").key(key(tenant, "ROLE#editor")).updateExpression("REMOVE #p")
                .expressionAttributeNames(Map.of("#p", "permissions")));
        Map<String, AttributeValue> noTarget = new HashMap<>(key(tenant, Instant.now().plusSeconds(5) + "#no-target"));
        noTarget.put("action", AttributeValue.fromS("role.update"));
        noTarget.put("at", AttributeValue.fromS(Instant.now().plusSeconds(5).toString()));
        tables.dynamo.putItem(p -> p.tableName(prefix + "-audit").item(noTarget));

        ConsistencyReport report = check.checkTenant(tenant);

        assertThat(report.discrepancies()).extracting(Discrepancy::kind, Discrepancy::target).containsExactlyInAnyOrder(
                tuple(DiscrepancyKind.UNREADABLE_ITEM, "role:editor"),
                tuple(DiscrepancyKind.UNREADABLE_AUDIT, null));
    }

    @Test
    void everyTenantInEitherTableIsChecked() {
        String clean = tenant();
        String onlyInTheAuditTrail = tenant();
        String onlyInTheAuthTable = tenant();
        seed(clean);
        store.putRole(onlyInTheAuditTrail, new Role("gone", Set.of("*"), 0), 0, "user:admin");
        tables.dynamo.deleteItem(d -> d.tableName(prefix + "-auth").key(key(onlyInTheAuditTrail, "ROLE#gone")));
        Map<String, AttributeValue> record = new HashMap<>(key(onlyInTheAuthTable, "RECORD#smuggled"));
        record.put("subject", AttributeValue.fromS("user:mallory"));
        record.put("role", AttributeValue.fromS("admin"));
        record.put("resource", AttributeValue.fromS("/"));
        record.put("version", AttributeValue.fromN("1"));
        tables.dynamo.putItem(p -> p.tableName(prefix + "-auth").item(record));

        ConsistencyReport report = check.checkAllTenants();

        assertThat(report.tenant()).isNull();
        assertThat(report.tenantsChecked()).isEqualTo(3);
        assertThat(report.itemsChecked()).isEqualTo(5);
        assertThat(report.discrepancies()).extracting(Discrepancy::tenant, Discrepancy::kind, Discrepancy::target).containsExactlyInAnyOrder(
                tuple(onlyInTheAuditTrail, DiscrepancyKind.MISSING_ITEM, "role:gone"),
                tuple(onlyInTheAuthTable, DiscrepancyKind.MISSING_AUDIT, "record:smuggled"));
    }

    @Test
    void everyPageOfItemsAndAuditEntriesIsRead() {
        String tenant = tenant();
        String padding = "x".repeat(1000);
        List<WriteRequest> items = new ArrayList<>();
        List<WriteRequest> entries = new ArrayList<>();
        Instant at = Instant.parse("2029-01-01T00:00:00.001Z");
        for (int i = 0; i < 1100; i++) {
            String id = String.format("r%04d", i);
            Map<String, AttributeValue> item = new HashMap<>(key(tenant, "RECORD#" + id));
            item.put("subject", AttributeValue.fromS("user:u" + i));
            item.put("role", AttributeValue.fromS("reader"));
            item.put("resource", AttributeValue.fromS("/documents"));
            item.put("version", AttributeValue.fromN("1"));
            item.put("padding", AttributeValue.fromS(padding));
            items.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            Instant when = at.plusMillis(i);
            Map<String, AttributeValue> entry = new HashMap<>(key(tenant, when + "#" + id));
            entry.put("actor", AttributeValue.fromS("user:admin"));
            entry.put("action", AttributeValue.fromS("record.create"));
            entry.put("target", AttributeValue.fromS("record:" + id));
            entry.put("at", AttributeValue.fromS(when.toString()));
            entry.put("after", AttributeValue.fromS("{\"id\":\"" + id + "\",\"subject\":\"user:u" + i
                    + "\",\"role\":\"reader\",\"resource\":\"/documents\",\"version\":1}"));
            entry.put("padding", AttributeValue.fromS(padding));
            entries.add(WriteRequest.builder().putRequest(PutRequest.builder().item(entry).build()).build());
        }
        batchWrite(prefix + "-auth", items);
        batchWrite(prefix + "-audit", entries);
        Map<String, AttributeValue> last = new HashMap<>(key(tenant, "ROLE#zzz"));
        last.put("permissions", AttributeValue.fromL(List.of(AttributeValue.fromS("*"))));
        last.put("version", AttributeValue.fromN("1"));
        tables.dynamo.putItem(p -> p.tableName(prefix + "-auth").item(last));
        putAuditEntry(tenant, Instant.parse("2100-01-01T00:00:00Z"), "record.delete", "record:r0000", null, null);
        for (String table : List.of(prefix + "-auth", prefix + "-audit")) {
            assertThat(tables.dynamo.query(q -> q.tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#" + tenant)))).hasLastEvaluatedKey())
                    .as("precondition: %s answers the tenant's query in more than one page", table).isTrue();
        }

        ConsistencyReport report = check.checkAllTenants();

        assertThat(report.tenantsChecked()).isEqualTo(1);
        assertThat(report.itemsChecked()).isEqualTo(1101);
        assertThat(report.discrepancies()).extracting(Discrepancy::kind, Discrepancy::target).containsExactlyInAnyOrder(
                tuple(DiscrepancyKind.MISSING_AUDIT, "role:zzz"),
                tuple(DiscrepancyKind.DELETED_BUT_PRESENT, "record:r0000"));
        assertThat(report.auditEntriesRead()).as("1101 entries, read twice to confirm").isEqualTo(2202);
    }

    private static void batchWrite(String table, List<WriteRequest> requests) {
        for (int from = 0; from < requests.size(); from += 25) {
            Map<String, List<WriteRequest>> pending = Map.of(table, requests.subList(from, Math.min(from + 25, requests.size())));
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> batch = pending;
                pending = tables.dynamo.batchWriteItem(b -> b.requestItems(batch)).unprocessedItems();
            }
        }
    }
}

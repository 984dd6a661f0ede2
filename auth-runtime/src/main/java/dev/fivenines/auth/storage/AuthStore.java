package dev.fivenines.auth.storage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

import dev.fivenines.auth.authz.AccessRecord;
import dev.fivenines.auth.authz.Role;
import dev.fivenines.auth.authz.Subject;
import dev.fivenines.auth.authz.TenantModel;
import dev.fivenines.tables.AuthTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A tenant's roles, access records and user groups in the {@code <prefix>-auth} table, and its audit
 * trail in {@code <prefix>-audit}. Every change to a role or an access record writes its audit entry in
 * the same DynamoDB transaction, with an optimistic version check, so neither is ever written without
 * the other.
 */
public final class AuthStore {

    /** Fixed width (nanoseconds always written), so audit sort keys sort in time order. */
    private static final java.time.format.DateTimeFormatter AUDIT_TIME = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(java.time.ZoneOffset.UTC);

    private static final String PK = AuthTables.PARTITION_KEY;
    private static final String SK = AuthTables.SORT_KEY;
    private static final String TENANT_PREFIX = "TENANT#";

    private final DynamoDbClient dynamo;
    private final String authTable;
    private final String auditTable;
    private final Clock clock;

    public AuthStore(DynamoDbClient dynamo, String tablePrefix, Clock clock) {
        this.dynamo = dynamo;
        this.authTable = AuthTables.authTable(tablePrefix);
        this.auditTable = AuthTables.auditTable(tablePrefix);
        this.clock = clock;
    }

    /**
     * Creates or replaces a role. {@code expectedVersion} 0 means "must not exist yet"; otherwise the stored
     * version must match. Returns the role as stored (version + 1).
     */
    public Role putRole(String tenant, Role role, long expectedVersion, String actor) {
        Optional<Role> before = role(tenant, role.name());
        Role stored = new Role(role.name(), role.permissions(), expectedVersion + 1);
        Map<String, AttributeValue> item = key(tenant, "ROLE#" + role.name());
        item.put("permissions", AttributeValue.fromL(stored.permissions().stream().sorted().map(AttributeValue::fromS).toList()));
        item.put("version", AttributeValue.fromN(Long.toString(stored.version())));
        write(tenant, item, expectedVersion, actor, expectedVersion == 0 ? "role.create" : "role.update", "role:" + role.name(),
                before.map(AuthStore::json).orElse(null), json(stored));
        return stored;
    }

    public void deleteRole(String tenant, String name, long expectedVersion, String actor) {
        Role before = role(tenant, name).orElseThrow(() -> new ConflictingWrite("role " + name + " does not exist"));
        delete(tenant, "ROLE#" + name, expectedVersion, actor, "role.delete", "role:" + name, json(before));
    }

    public AccessRecord putAccessRecord(String tenant, AccessRecord record, long expectedVersion, String actor) {
        Optional<AccessRecord> before = accessRecord(tenant, record.id());
        AccessRecord stored = new AccessRecord(record.id(), record.subject(), record.role(), record.resource(), expectedVersion + 1);
        Map<String, AttributeValue> item = key(tenant, "RECORD#" + record.id());
        item.put("subject", AttributeValue.fromS(stored.subject().toString()));
        item.put("role", AttributeValue.fromS(stored.role()));
        item.put("resource", AttributeValue.fromS(stored.resource()));
        item.put("version", AttributeValue.fromN(Long.toString(stored.version())));
        write(tenant, item, expectedVersion, actor, expectedVersion == 0 ? "record.create" : "record.update", "record:" + record.id(),
                before.map(AuthStore::json).orElse(null), json(stored));
        return stored;
    }

    public void deleteAccessRecord(String tenant, String id, long expectedVersion, String actor) {
        AccessRecord before = accessRecord(tenant, id).orElseThrow(() -> new ConflictingWrite("access record " + id + " does not exist"));
        delete(tenant, "RECORD#" + id, expectedVersion, actor, "record.delete", "record:" + id, json(before));
    }

    /** A client: its secret is kept only as a SHA-256 hash (secrets are 256 random bits, so a slow hash adds nothing). */
    public record StoredClient(String id, String secretHash, Set<String> scopes, long version) {
        @Override
        public String toString() {
            return "StoredClient[" + id + ", scopes=" + scopes + ", version=" + version + "]";
        }
    }

    public StoredClient putClient(String tenant, String id, String secretHash, Set<String> scopes, long expectedVersion, String actor) {
        Optional<StoredClient> before = client(tenant, id);
        StoredClient stored = new StoredClient(id, secretHash, Set.copyOf(scopes), expectedVersion + 1);
        Map<String, AttributeValue> item = key(tenant, "CLIENT#" + id);
        item.put("secretHash", AttributeValue.fromS(secretHash));
        item.put("scopes", AttributeValue.fromL(stored.scopes().stream().sorted().map(AttributeValue::fromS).toList()));
        item.put("version", AttributeValue.fromN(Long.toString(stored.version())));
        write(tenant, item, expectedVersion, actor, expectedVersion == 0 ? "client.create" : "client.update", "client:" + id,
                before.map(AuthStore::json).orElse(null), json(stored));
        return stored;
    }

    public Optional<StoredClient> client(String tenant, String id) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(authTable).key(key(tenant, "CLIENT#" + id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(new StoredClient(id, item.get("secretHash").s(),
                        Set.copyOf(item.get("scopes").l().stream().map(AttributeValue::s).toList()), Long.parseLong(item.get("version").n())));
    }

    public void deleteClient(String tenant, String id, long expectedVersion, String actor) {
        StoredClient before = client(tenant, id).orElseThrow(() -> new ConflictingWrite("client " + id + " does not exist"));
        delete(tenant, "CLIENT#" + id, expectedVersion, actor, "client.delete", "client:" + id, json(before));
    }

    static String json(StoredClient client) {
        return "{\"id\":\"" + client.id() + "\",\"scopes\":" + client.scopes().stream().sorted().map(s -> "\"" + s + "\"").toList()
                + ",\"version\":" + client.version() + "}";
    }

    /** A group: its description; its members are the users that list it. */
    public void putGroup(String tenant, String group, String description) {
        Map<String, AttributeValue> item = key(tenant, "GROUP#" + group);
        item.put("description", AttributeValue.fromS(description == null ? "" : description));
        dynamo.putItem(p -> p.tableName(authTable).item(item));
    }

    public Optional<String> groupDescription(String tenant, String group) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(authTable).key(key(tenant, "GROUP#" + group)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("description").s());
    }

    /** The users that list the group, from the tenant's partition. */
    public List<String> groupMembers(String tenant, String group) {
        return loadModel(tenant).membersOf(group);
    }

    public void deleteGroup(String tenant, String group) {
        dynamo.deleteItem(d -> d.tableName(authTable).key(key(tenant, "GROUP#" + group)));
    }

    public Optional<Set<String>> userGroups(String tenant, String user) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(authTable).key(key(tenant, "USER#" + user)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(item.containsKey("groups") ? Set.copyOf(item.get("groups").ss()) : Set.of());
    }

    public void deleteUser(String tenant, String user) {
        dynamo.deleteItem(d -> d.tableName(authTable).key(key(tenant, "USER#" + user)));
    }

    /** A user and the groups it belongs to (not audited: membership changes come from the identity source). */
    public void putUser(String tenant, String user, Set<String> groups) {
        Map<String, AttributeValue> item = key(tenant, "USER#" + user);
        if (!groups.isEmpty()) {
            item.put("groups", AttributeValue.fromSs(List.copyOf(groups)));
        }
        dynamo.putItem(p -> p.tableName(authTable).item(item));
    }

    public Optional<Role> role(String tenant, String name) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(authTable).key(key(tenant, "ROLE#" + name)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(role(item));
    }

    public Optional<AccessRecord> accessRecord(String tenant, String id) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(authTable).key(key(tenant, "RECORD#" + id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(record(item));
    }

    /** A tenant's signing keys as stored (JWK JSON with the private parts, encrypted at rest by DynamoDB), and their version. */
    public record StoredKeys(String json, long version) {
    }

    public Optional<StoredKeys> signingKeys(String tenant) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(authTable).key(key(tenant, "KEYRING")).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(new StoredKeys(item.get("keys").s(), Long.parseLong(item.get("version").n())));
    }

    /** Writes a tenant's signing keys if they are still at {@code expectedVersion} (0: none yet); false when another replica was first. */
    public boolean saveSigningKeys(String tenant, String json, long expectedVersion) {
        Map<String, AttributeValue> item = key(tenant, "KEYRING");
        item.put("keys", AttributeValue.fromS(json));
        item.put("version", AttributeValue.fromN(Long.toString(expectedVersion + 1)));
        try {
            if (expectedVersion == 0) {
                dynamo.putItem(p -> p.tableName(authTable).item(item).conditionExpression("attribute_not_exists(#sk)")
                        .expressionAttributeNames(Map.of("#sk", SK)));
            } else {
                dynamo.putItem(p -> p.tableName(authTable).item(item).conditionExpression("#v = :v")
                        .expressionAttributeNames(Map.of("#v", "version"))
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(expectedVersion)))));
            }
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The tenant's whole model, for the in-memory decision engine. */
    public TenantModel loadModel(String tenant) {
        List<Role> roles = new ArrayList<>();
        List<AccessRecord> records = new ArrayList<>();
        Map<String, Set<String>> groups = new HashMap<>();
        forEachItem(authTable, tenant, item -> {
            String sk = item.get(SK).s();
            if (sk.startsWith("ROLE#")) {
                roles.add(role(item));
            } else if (sk.startsWith("RECORD#")) {
                records.add(record(item));
            } else if (sk.startsWith("USER#")) {
                groups.put(sk.substring(5), item.containsKey("groups") ? Set.copyOf(item.get("groups").ss()) : Set.of());
            }
        });
        return TenantModel.of(tenant, roles, records, groups);
    }

    /** A page of the tenant's audit trail; {@code cursor} is the {@code next} of the previous page. */
    public AuditPage audit(String tenant, Optional<String> cursor, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(auditTable).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK)).expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(tenantKey(tenant))))
                .limit(limit).consistentRead(true);
        cursor.ifPresent(c -> query.exclusiveStartKey(Map.of(PK, AttributeValue.fromS(tenantKey(tenant)), SK, AttributeValue.fromS(decode(c)))));
        QueryResponse page = dynamo.query(query.build());
        List<AuditEntry> entries = page.items().stream().map(item -> new AuditEntry(item.get(SK).s(), tenant, item.get("actor").s(),
                item.get("action").s(), item.get("target").s(), text(item, "before"), text(item, "after"),
                Instant.parse(item.get("at").s()))).toList();
        Optional<String> next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? Optional.of(encode(page.lastEvaluatedKey().get(SK).s())) : Optional.empty();
        return new AuditPage(entries, next);
    }

    /**
     * Every tenant with an item in the auth table or an entry in the audit trail, in name order. Both tables are
     * scanned whole (only the partition key is read), a page at a time, with strong consistency.
     */
    public SortedSet<String> tenants() {
        SortedSet<String> tenants = new TreeSet<>();
        for (String table : List.of(authTable, auditTable)) {
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                ScanResponse page = dynamo.scan(s -> s.tableName(table).projectionExpression("#pk").expressionAttributeNames(Map.of("#pk", PK))
                        .exclusiveStartKey(from).consistentRead(true));
                for (Map<String, AttributeValue> item : page.items()) {
                    String pk = item.get(PK).s();
                    if (pk != null && pk.startsWith(TENANT_PREFIX)) {
                        tenants.add(pk.substring(TENANT_PREFIX.length()));
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return tenants;
    }

    /**
     * A stored role, access record or client, named as its audit entries name it ({@code role:editor}, {@code record:r1},
     * {@code client:billing}), with its state in the JSON its audit entries carry; or, when the item cannot be read as
     * one, why not.
     */
    public record AuditedItem(String target, String state, String unreadableBecause) {

        public boolean readable() {
            return unreadableBecause == null;
        }
    }

    /** Every role, access record and client of the tenant, from one query of its partition (paged, strongly consistent). */
    public List<AuditedItem> auditedItems(String tenant) {
        List<AuditedItem> items = new ArrayList<>();
        forEachItem(authTable, tenant, item -> auditedItem(item).ifPresent(items::add));
        return items;
    }

    private static Optional<AuditedItem> auditedItem(Map<String, AttributeValue> item) {
        String sk = item.get(SK).s();
        String target;
        if (sk.startsWith("ROLE#")) {
            target = "role:" + sk.substring(5);
        } else if (sk.startsWith("RECORD#")) {
            target = "record:" + sk.substring(7);
        } else if (sk.startsWith("CLIENT#")) {
            target = "client:" + sk.substring(7);
        } else {
            return Optional.empty();
        }
        try {
            String state;
            if (sk.startsWith("ROLE#")) {
                state = json(role(item));
            } else if (sk.startsWith("RECORD#")) {
                state = json(record(item));
            } else {
                state = json(new StoredClient(sk.substring(7), item.get("secretHash").s(),
                        Set.copyOf(item.get("scopes").l().stream().map(AttributeValue::s).toList()), Long.parseLong(item.get("version").n())));
            }
            return Optional.of(new AuditedItem(target, state, null));
        } catch (RuntimeException e) {
            return Optional.of(new AuditedItem(target, null, "its attributes are not those of a " + target.substring(0, target.indexOf(':'))
                    + " (" + e + ")"));
        }
    }

    /**
     * The tenant's whole audit trail in sort key order, a page at a time with strong consistency, handed to {@code each}
     * one entry at a time. An entry missing an attribute is handed over with that attribute null (and an unreadable
     * {@code at} as null), so a reader can tell a damaged entry from a missing one.
     */
    public void readAuditTrail(String tenant, Consumer<AuditEntry> each) {
        forEachItem(auditTable, tenant, item -> each.accept(new AuditEntry(item.get(SK).s(), tenant, text(item, "actor"),
                text(item, "action"), text(item, "target"), text(item, "before"), text(item, "after"), instant(text(item, "at")))));
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private void write(String tenant, Map<String, AttributeValue> item, long expectedVersion, String actor, String action, String target,
            String before, String after) {
        TransactWriteItem change = expectedVersion == 0
                ? TransactWriteItem.builder().put(p -> p.tableName(authTable).item(item).conditionExpression("attribute_not_exists(#sk)")
                        .expressionAttributeNames(Map.of("#sk", SK))).build()
                : TransactWriteItem.builder().put(p -> p.tableName(authTable).item(item).conditionExpression("#v = :v")
                        .expressionAttributeNames(Map.of("#v", "version"))
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(expectedVersion))))).build();
        transact(change, auditItem(tenant, actor, action, target, before, after), target, expectedVersion);
    }

    private void delete(String tenant, String sortKey, long expectedVersion, String actor, String action, String target, String before) {
        TransactWriteItem change = TransactWriteItem.builder().delete(d -> d.tableName(authTable).key(key(tenant, sortKey))
                .conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(expectedVersion))))).build();
        transact(change, auditItem(tenant, actor, action, target, before, null), target, expectedVersion);
    }

    private void transact(TransactWriteItem change, TransactWriteItem audit, String target, long expectedVersion) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(change, audit));
        } catch (TransactionCanceledException e) {
            boolean conditionFailed = e.cancellationReasons().stream().map(CancellationReason::code)
                    .anyMatch("ConditionalCheckFailed"::equals);
            if (conditionFailed) {
                throw new ConflictingWrite(expectedVersion == 0 ? target + " already exists"
                        : target + " is not at version " + expectedVersion + ": read it again and retry");
            }
            throw e;
        }
    }

    private TransactWriteItem auditItem(String tenant, String actor, String action, String target, String before, String after) {
        Instant now = Instant.now(clock);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, AttributeValue.fromS(tenantKey(tenant)));
        item.put(SK, AttributeValue.fromS(AUDIT_TIME.format(now) + "#" + UUID.randomUUID()));
        item.put("actor", AttributeValue.fromS(actor));
        item.put("action", AttributeValue.fromS(action));
        item.put("target", AttributeValue.fromS(target));
        item.put("at", AttributeValue.fromS(now.toString()));
        if (before != null) {
            item.put("before", AttributeValue.fromS(before));
        }
        if (after != null) {
            item.put("after", AttributeValue.fromS(after));
        }
        return TransactWriteItem.builder().put(p -> p.tableName(auditTable).item(item)).build();
    }

    private static Map<String, AttributeValue> key(String tenant, String sortKey) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PK, AttributeValue.fromS(tenantKey(tenant)));
        key.put(SK, AttributeValue.fromS(sortKey));
        return key;
    }

    private static String tenantKey(String tenant) {
        return "TENANT#" + tenant;
    }

    private static Role role(Map<String, AttributeValue> item) {
        return new Role(item.get(SK).s().substring(5), Set.copyOf(item.get("permissions").l().stream().map(AttributeValue::s).toList()),
                Long.parseLong(item.get("version").n()));
    }

    private static AccessRecord record(Map<String, AttributeValue> item) {
        return new AccessRecord(item.get(SK).s().substring(7), Subject.parse(item.get("subject").s()), item.get("role").s(),
                item.get("resource").s(), Long.parseLong(item.get("version").n()));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).s() : null;
    }

    static String json(Role role) {
        return "{\"name\":\"" + role.name() + "\",\"permissions\":" + role.permissions().stream().sorted().map(p -> "\"" + p + "\"").toList()
                + ",\"version\":" + role.version() + "}";
    }

    static String json(AccessRecord record) {
        return "{\"id\":\"" + record.id() + "\",\"subject\":\"" + record.subject() + "\",\"role\":\"" + record.role()
                + "\",\"resource\":\"" + record.resource() + "\",\"version\":" + record.version() + "}";
    }

    private static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the cursor is not one this service gave out");
        }
    }

    /** Every item of the tenant's partition of {@code table}, a page at a time, strongly consistent. */
    private void forEachItem(String table, String tenant, Consumer<Map<String, AttributeValue>> each) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table).keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", PK)).expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(tenantKey(tenant))))
                    .exclusiveStartKey(from).consistentRead(true));
            page.items().forEach(each);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }
}

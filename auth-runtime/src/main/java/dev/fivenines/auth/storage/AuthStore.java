package dev.fivenines.auth.storage;

import static dev.fivenines.auth.storage.TenantPartitions.SK;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

import dev.fivenines.auth.authz.AccessRecord;
import dev.fivenines.auth.authz.Role;
import dev.fivenines.auth.authz.TenantModel;
import dev.fivenines.tables.AuthTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A tenant's roles, access records, clients, users, groups and signing keys in the {@code <prefix>-auth} table, and
 * its audit trail in {@code <prefix>-audit}. Every change to a role, an access record or a client writes its audit
 * entry in the same DynamoDB transaction, with an optimistic version check, so neither is ever written without the
 * other. Writes take the version the caller read: {@code 0} means "must not exist yet"; otherwise the stored version
 * must match, and the item is stored at that version + 1.
 */
public final class AuthStore {

    private static final RoleCodec ROLES = new RoleCodec();
    private static final AccessRecordCodec RECORDS = new AccessRecordCodec();
    private static final ClientCodec CLIENTS = new ClientCodec();
    private static final List<ItemCodec<?>> AUDITED = List.of(ROLES, RECORDS, CLIENTS);

    /** The sort key of a tenant's signing keys. */
    static final String KEYRING = "KEYRING";

    private final DynamoDbClient dynamo;
    private final String authTable;
    private final AuditTrail audit;
    private final VersionedWrites writes;

    public AuthStore(DynamoDbClient dynamo, String tablePrefix, Clock clock) {
        this.dynamo = dynamo;
        this.authTable = AuthTables.authTable(tablePrefix);
        this.audit = new AuditTrail(dynamo, AuthTables.auditTable(tablePrefix), clock);
        this.writes = new VersionedWrites(dynamo, authTable, audit);
    }

    /** Creates or replaces a role; returns it as stored. */
    public Role putRole(String tenant, Role role, long expectedVersion, String actor) {
        Role stored = new Role(role.name(), role.permissions(), expectedVersion + 1);
        writes.put(tenant, ROLES, stored, before(tenant, ROLES, role.name(), expectedVersion), expectedVersion, actor);
        return stored;
    }

    public Optional<Role> role(String tenant, String name) {
        return get(tenant, ROLES, name);
    }

    /** Deletes the role {@code current}, as the caller read it, if it is still at {@code expectedVersion}. */
    public void deleteRole(String tenant, Role current, long expectedVersion, String actor) {
        writes.delete(tenant, ROLES, current, expectedVersion, actor);
    }

    /** Reads the role, then deletes it as {@link #deleteRole(String, Role, long, String)} does. */
    public void deleteRole(String tenant, String name, long expectedVersion, String actor) {
        deleteRole(tenant, role(tenant, name).orElseThrow(() -> new ConflictingWrite("role " + name + " does not exist")), expectedVersion, actor);
    }

    public AccessRecord putAccessRecord(String tenant, AccessRecord record, long expectedVersion, String actor) {
        AccessRecord stored = new AccessRecord(record.id(), record.subject(), record.role(), record.resource(), expectedVersion + 1);
        writes.put(tenant, RECORDS, stored, before(tenant, RECORDS, record.id(), expectedVersion), expectedVersion, actor);
        return stored;
    }

    public Optional<AccessRecord> accessRecord(String tenant, String id) {
        return get(tenant, RECORDS, id);
    }

    /** Deletes the access record {@code current}, as the caller read it, if it is still at {@code expectedVersion}. */
    public void deleteAccessRecord(String tenant, AccessRecord current, long expectedVersion, String actor) {
        writes.delete(tenant, RECORDS, current, expectedVersion, actor);
    }

    /** Reads the access record, then deletes it as {@link #deleteAccessRecord(String, AccessRecord, long, String)} does. */
    public void deleteAccessRecord(String tenant, String id, long expectedVersion, String actor) {
        deleteAccessRecord(tenant, accessRecord(tenant, id).orElseThrow(() -> new ConflictingWrite("access record " + id + " does not exist")),
                expectedVersion, actor);
    }

    public StoredClient putClient(String tenant, String id, String secretHash, Set<String> scopes, long expectedVersion, String actor) {
        StoredClient stored = new StoredClient(id, secretHash, scopes, expectedVersion + 1);
        writes.put(tenant, CLIENTS, stored, before(tenant, CLIENTS, id, expectedVersion), expectedVersion, actor);
        return stored;
    }

    /** Replaces the client {@code current}, as the caller read it, with a new secret hash and scopes. */
    public StoredClient updateClient(String tenant, StoredClient current, String secretHash, Set<String> scopes, long expectedVersion,
            String actor) {
        StoredClient stored = new StoredClient(current.id(), secretHash, scopes, expectedVersion + 1);
        writes.put(tenant, CLIENTS, stored, current, expectedVersion, actor);
        return stored;
    }

    public Optional<StoredClient> client(String tenant, String id) {
        return get(tenant, CLIENTS, id);
    }

    /** Deletes the client {@code current}, as the caller read it, if it is still at {@code expectedVersion}. */
    public void deleteClient(String tenant, StoredClient current, long expectedVersion, String actor) {
        writes.delete(tenant, CLIENTS, current, expectedVersion, actor);
    }

    /** A group and its description (not audited, like users). */
    public void putGroup(String tenant, String group, String description) {
        Map<String, AttributeValue> item = TenantPartitions.key(tenant, "GROUP#" + group);
        item.put("description", AttributeValue.fromS(description == null ? "" : description));
        dynamo.putItem(p -> p.tableName(authTable).item(item));
    }

    /** The group with its members, the users of the tenant's partition that list it: one query of the partition. */
    public Optional<StoredGroup> group(String tenant, String group) {
        String description = null;
        List<String> members = new ArrayList<>();
        for (Map<String, AttributeValue> item : TenantPartitions.items(dynamo, authTable, tenant)) {
            String sk = TenantPartitions.sortKey(item);
            if (sk.equals("GROUP#" + group)) {
                description = item.get("description").s();
            } else if (sk.startsWith("USER#") && groupsOf(item).contains(group)) {
                members.add(sk.substring(5));
            }
        }
        return description == null ? Optional.empty() : Optional.of(new StoredGroup(group, description, members.stream().sorted().toList()));
    }

    public void deleteGroup(String tenant, String group) {
        dynamo.deleteItem(d -> d.tableName(authTable).key(TenantPartitions.key(tenant, "GROUP#" + group)));
    }

    /** A user and the groups it belongs to (not audited: membership changes come from the identity source). */
    public void putUser(String tenant, String user, Set<String> groups) {
        Map<String, AttributeValue> item = TenantPartitions.key(tenant, "USER#" + user);
        if (!groups.isEmpty()) {
            item.put("groups", AttributeValue.fromSs(List.copyOf(groups)));
        }
        dynamo.putItem(p -> p.tableName(authTable).item(item));
    }

    public Optional<Set<String>> userGroups(String tenant, String user) {
        Map<String, AttributeValue> item = getItem(tenant, "USER#" + user);
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(groupsOf(item));
    }

    public void deleteUser(String tenant, String user) {
        dynamo.deleteItem(d -> d.tableName(authTable).key(TenantPartitions.key(tenant, "USER#" + user)));
    }

    /** A tenant's signing keys as stored (JWK JSON with the private parts, encrypted at rest by DynamoDB), and their version. */
    public record StoredKeys(String json, long version) {
    }

    public Optional<StoredKeys> signingKeys(String tenant) {
        Map<String, AttributeValue> item = getItem(tenant, KEYRING);
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(new StoredKeys(item.get("keys").s(), Long.parseLong(item.get("version").n())));
    }

    /** Writes a tenant's signing keys if they are still at {@code expectedVersion} (0: none yet); false when another replica was first. */
    public boolean saveSigningKeys(String tenant, String json, long expectedVersion) {
        Map<String, AttributeValue> item = TenantPartitions.key(tenant, KEYRING);
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
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The tenant's whole model, for the in-memory decision engine: one query of its partition. */
    public TenantModel loadModel(String tenant) {
        List<Role> roles = new ArrayList<>();
        List<AccessRecord> records = new ArrayList<>();
        Map<String, Set<String>> groups = new HashMap<>();
        for (Map<String, AttributeValue> item : TenantPartitions.items(dynamo, authTable, tenant)) {
            String sk = TenantPartitions.sortKey(item);
            if (sk.startsWith(ROLES.sortKeyPrefix())) {
                roles.add(ROLES.read(sk.substring(ROLES.sortKeyPrefix().length()), item));
            } else if (sk.startsWith(RECORDS.sortKeyPrefix())) {
                records.add(RECORDS.read(sk.substring(RECORDS.sortKeyPrefix().length()), item));
            } else if (sk.startsWith("USER#")) {
                groups.put(sk.substring(5), groupsOf(item));
            }
        }
        return TenantModel.of(tenant, roles, records, groups);
    }

    /** A page of the tenant's audit trail, oldest first; {@code cursor} is the {@code next} of the previous page. */
    public AuditPage audit(String tenant, Optional<String> cursor, int limit) {
        return audit.page(tenant, cursor, limit);
    }

    /**
     * The tenant's whole audit trail in sort key order, handed to {@code each} one entry at a time. An entry missing an
     * attribute is handed over with that attribute null (and an unreadable {@code at} as null).
     */
    public void readAuditTrail(String tenant, Consumer<AuditEntry> each) {
        audit.readAll(tenant, each);
    }

    /** Every tenant with an item in the auth table or an entry in the audit trail, in name order: both tables are scanned whole. */
    public SortedSet<String> tenants() {
        SortedSet<String> tenants = new TreeSet<>();
        TenantPartitions.addTenants(dynamo, authTable, tenants);
        TenantPartitions.addTenants(dynamo, audit.table(), tenants);
        return tenants;
    }

    /** Every role, access record and client of the tenant, from one query of its partition. */
    public List<AuditedItem> auditedItems(String tenant) {
        List<AuditedItem> items = new ArrayList<>();
        for (Map<String, AttributeValue> item : TenantPartitions.items(dynamo, authTable, tenant)) {
            String sk = TenantPartitions.sortKey(item);
            AUDITED.stream().filter(codec -> sk.startsWith(codec.sortKeyPrefix())).findFirst()
                    .ifPresent(codec -> items.add(audited(codec, sk.substring(codec.sortKeyPrefix().length()), item)));
        }
        return items;
    }

    private static <T> AuditedItem audited(ItemCodec<T> codec, String id, Map<String, AttributeValue> item) {
        try {
            return new AuditedItem(codec.target(id), codec.auditJson(codec.read(id, item)), null);
        } catch (RuntimeException e) {
            return new AuditedItem(codec.target(id), null, "its attributes are not those of a " + codec.kind() + " (" + e + ")");
        }
    }

    /** The state an update replaces, for its audit entry; a creation has none. */
    private <T> T before(String tenant, ItemCodec<T> codec, String id, long expectedVersion) {
        return expectedVersion == 0 ? null : get(tenant, codec, id).orElse(null);
    }

    private <T> Optional<T> get(String tenant, ItemCodec<T> codec, String id) {
        Map<String, AttributeValue> item = getItem(tenant, codec.sortKey(id));
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(codec.read(id, item));
    }

    private Map<String, AttributeValue> getItem(String tenant, String sortKey) {
        return dynamo.getItem(g -> g.tableName(authTable).key(TenantPartitions.key(tenant, sortKey)).consistentRead(true)).item();
    }

    private static Set<String> groupsOf(Map<String, AttributeValue> item) {
        return item.containsKey("groups") ? Set.copyOf(item.get("groups").ss()) : Set.of();
    }
}

package dev.fivenines.auth.admin;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.fivenines.auth.api.BadRequest;
import dev.fivenines.auth.authz.AccessRecord;
import dev.fivenines.auth.authz.ModelCache;
import dev.fivenines.auth.clients.ClientCache;
import dev.fivenines.auth.authz.Role;
import dev.fivenines.auth.authz.Subject;
import dev.fivenines.auth.storage.AuditPage;
import dev.fivenines.auth.storage.AuthStore;
import dev.fivenines.auth.storage.ConflictingWrite;
import dev.fivenines.auth.storage.StoredClient;
import dev.fivenines.auth.storage.StoredGroup;
import dev.fivenines.auth.tokens.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

/**
 * What a tenant's admin may read and change: roles, access records, clients, users, groups and the audit trail.
 *
 * <p>Input that cannot be used is a {@link BadRequest} naming the field (400); an item that does not exist is a
 * {@link NotFoundException} (404); a version that is not the stored one, or a creation of an item that exists, is a
 * {@link ConflictingWrite} (409). Roles, access records and clients are written at the version the caller read
 * ({@code 0} to create), each change with its audit entry in one transaction; a change or a deletion reads the item
 * once, before it writes. A change to what decisions read (roles, access records, users) makes the tenant's model
 * stale, so the next decision loads it again.
 */
@ApplicationScoped
public class TenantAdmin {

    public record RoleChange(Set<String> permissions, Long version) {
    }

    public record RecordChange(String subject, String role, String resource, Long version) {
    }

    public record ClientChange(Set<String> scopes, Long version) {
    }

    public record UserChange(Set<String> groups) {
    }

    public record GroupChange(String description) {
    }

    /** A client with a new secret: the secret is shown this once and stored only as its hash. */
    public record ClientWithSecret(StoredClient client, String secret) {
    }

    private final AuthStore store;
    private final ModelCache models;
    private final ClientCache clients;

    public TenantAdmin(AuthStore store, ModelCache models, ClientCache clients) {
        this.store = store;
        this.models = models;
        this.clients = clients;
    }

    public Role putRole(String tenant, String name, RoleChange change, String actor) {
        long version = AdminInput.version(change == null ? null : change.version());
        BadRequest.check("name", () -> new Role(name, Set.of(), 0));
        Set<String> permissions = AdminInput.permissions(change.permissions());
        Role role = BadRequest.check("permissions", () -> new Role(name, permissions, 0));
        return changingModel(tenant, () -> store.putRole(tenant, role, version, actor));
    }

    public Role role(String tenant, String name) {
        return found(AdminInput.storable(name) ? store.role(tenant, name) : Optional.empty(), "no role " + name + " in tenant " + tenant);
    }

    public void deleteRole(String tenant, String name, Long version, String actor) {
        Role current = role(tenant, name);
        long expected = AdminInput.version(version);
        changingModel(tenant, () -> store.deleteRole(tenant, current, expected, actor));
    }

    public AccessRecord putRecord(String tenant, String id, RecordChange change, String actor) {
        if (change == null) {
            throw new BadRequest("body", "send {\"subject\": ..., \"role\": ..., \"resource\": ..., \"version\": ...}");
        }
        long version = AdminInput.version(change.version());
        AdminInput.id("id", id);
        Subject subject = BadRequest.check("subject", () -> Subject.parse(AdminInput.subject(change.subject())));
        if (change.role() == null || !AdminInput.storable(change.role()) || store.role(tenant, change.role()).isEmpty()) {
            throw new BadRequest("role", "no role " + change.role() + " in tenant " + tenant + ": create it first");
        }
        AccessRecord record = BadRequest.check("resource", () -> new AccessRecord(id, subject, change.role(), change.resource(), 0));
        return changingModel(tenant, () -> store.putAccessRecord(tenant, record, version, actor));
    }

    public AccessRecord record(String tenant, String id) {
        return found(AdminInput.storable(id) ? store.accessRecord(tenant, id) : Optional.empty(), "no access record " + id + " in tenant " + tenant);
    }

    public void deleteRecord(String tenant, String id, Long version, String actor) {
        AccessRecord current = record(tenant, id);
        long expected = AdminInput.version(version);
        changingModel(tenant, () -> store.deleteAccessRecord(tenant, current, expected, actor));
    }

    public ClientWithSecret createClient(String tenant, String id, ClientChange change, String actor) {
        AdminInput.clientId(id);
        Set<String> scopes = AdminInput.scopes(change == null ? null : change.scopes());
        String secret = Secrets.generate();
        return changingClient(tenant, id, () -> new ClientWithSecret(store.putClient(tenant, id, Secrets.hash(secret), scopes, 0, actor), secret));
    }

    public StoredClient client(String tenant, String id) {
        return found(AdminInput.storable(id) ? store.client(tenant, id) : Optional.empty(), "no client " + id + " in tenant " + tenant);
    }

    /** Changes a client's scopes; its secret stays. */
    public StoredClient updateClient(String tenant, String id, ClientChange change, String actor) {
        StoredClient current = client(tenant, id);
        long version = AdminInput.version(change == null ? null : change.version());
        Set<String> scopes = AdminInput.scopes(change.scopes());
        return changingClient(tenant, id, () -> store.updateClient(tenant, current, current.secretHash(), scopes, version, actor));
    }

    /** Replaces a client's secret: the old one stops working. */
    public ClientWithSecret replaceSecret(String tenant, String id, Long version, String actor) {
        StoredClient current = client(tenant, id);
        long expected = AdminInput.version(version);
        String secret = Secrets.generate();
        return changingClient(tenant, id,
                () -> new ClientWithSecret(store.updateClient(tenant, current, Secrets.hash(secret), current.scopes(), expected, actor), secret));
    }

    public void deleteClient(String tenant, String id, Long version, String actor) {
        StoredClient current = client(tenant, id);
        long expected = AdminInput.version(version);
        changingClient(tenant, id, () -> {
            store.deleteClient(tenant, current, expected, actor);
            return null;
        });
    }

    /**
     * A client change: this replica's kept lookup goes before the write (so no grant after it answers from the old one)
     * and after it (so a grant that read storage during the write does not keep what it read). Other replicas see it
     * within the client cache's expiry.
     */
    private <T> T changingClient(String tenant, String id, Supplier<T> write) {
        clients.invalidate(tenant, id);
        try {
            return write.get();
        } finally {
            clients.invalidate(tenant, id);
        }
    }

    /** Writes a user and its groups; returns the groups. */
    public Set<String> putUser(String tenant, String id, UserChange change) {
        AdminInput.id("id", id);
        BadRequest.check("id", () -> Subject.user(id));
        Set<String> groups = AdminInput.groups(change == null ? null : change.groups());
        groups.forEach(group -> BadRequest.check("groups", () -> Subject.group(group)));
        changingModel(tenant, () -> store.putUser(tenant, id, groups));
        return groups;
    }

    public Set<String> userGroups(String tenant, String id) {
        return found(AdminInput.storable(id) ? store.userGroups(tenant, id) : Optional.empty(), "no user " + id + " in tenant " + tenant);
    }

    public void deleteUser(String tenant, String id) {
        userGroups(tenant, id);
        changingModel(tenant, () -> store.deleteUser(tenant, id));
    }

    public StoredGroup putGroup(String tenant, String id, GroupChange change) {
        AdminInput.id("id", id);
        BadRequest.check("id", () -> Subject.group(id));
        String description = AdminInput.groupDescription(change == null ? null : change.description());
        store.putGroup(tenant, id, description);
        return new StoredGroup(id, description, store.group(tenant, id).map(StoredGroup::members).orElse(List.of()));
    }

    public StoredGroup group(String tenant, String id) {
        return found(AdminInput.storable(id) ? store.group(tenant, id) : Optional.empty(), "no group " + id + " in tenant " + tenant);
    }

    /** Deletes a group without members. */
    public void deleteGroup(String tenant, String id) {
        if (!group(tenant, id).members().isEmpty()) {
            throw new ConflictingWrite("group " + id + " still has members: take them out first");
        }
        store.deleteGroup(tenant, id);
    }

    /** A page of the audit trail: {@code limit} entries (1 to 500, 50 when absent) after {@code cursor}. */
    public AuditPage audit(String tenant, String cursor, Integer limit) {
        int size = AdminInput.pageSize(limit);
        return BadRequest.check("cursor", () -> store.audit(tenant, Optional.ofNullable(cursor), size));
    }

    /** Writes a change decisions read, then marks the tenant's model stale; a change that fails leaves it as it was. */
    private <T> T changingModel(String tenant, Supplier<T> change) {
        T result = change.get();
        models.invalidate(tenant);
        return result;
    }

    private void changingModel(String tenant, Runnable change) {
        changingModel(tenant, () -> {
            change.run();
            return null;
        });
    }

    private static <T> T found(Optional<T> item, String missing) {
        return item.orElseThrow(() -> new NotFoundException(missing));
    }
}

package dev.fivenines.auth.api;

import java.util.Optional;
import java.util.Set;

import dev.fivenines.auth.authz.AccessRecord;
import dev.fivenines.auth.authz.ModelCache;
import dev.fivenines.auth.authz.Role;
import dev.fivenines.auth.authz.Subject;
import dev.fivenines.auth.config.RuntimeSettings;
import dev.fivenines.auth.limits.RequestLimits;
import dev.fivenines.auth.storage.AuditPage;
import dev.fivenines.auth.storage.AuthStore;
import dev.fivenines.auth.tokens.TokenRejected;
import dev.fivenines.auth.tokens.Secrets;
import dev.fivenines.auth.tokens.TokenService;
import dev.fivenines.auth.tokens.VerifiedToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * A tenant's roles, access records and audit trail, for callers holding an admin token of that tenant.
 * Writes carry the version read ({@code 0} to create); every change is audited in the same transaction.
 */
@Path("/tenants/{tenant}/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    public record RoleBody(Set<String> permissions, Long version) {
    }

    public record RecordBody(String subject, String role, String resource, Long version) {
    }

    public record RecordView(String id, String subject, String role, String resource, long version) {
        static RecordView of(AccessRecord r) {
            return new RecordView(r.id(), r.subject().toString(), r.role(), r.resource(), r.version());
        }
    }

    private final AuthStore store;
    private final ModelCache models;
    private final TokenService tokens;
    private final RuntimeSettings settings;
    private final RequestLimits limits;

    public AdminResource(AuthStore store, ModelCache models, TokenService tokens, RuntimeSettings settings, RequestLimits limits) {
        this.limits = limits;
        this.store = store;
        this.models = models;
        this.tokens = tokens;
        this.settings = settings;
    }

    private VerifiedToken admin(String tenant, String authorization) throws TokenRejected {
        VerifiedToken caller = Bearer.admin(tokens, Tenants.require(tenant), authorization, settings.tokens().audience());
        limits.admit(tenant, caller.subject());
        return caller;
    }

    @PUT
    @Path("/roles/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Role putRole(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam("Authorization") String auth,
            RoleBody body) throws TokenRejected {
        VerifiedToken caller = admin(tenant, auth);
        long version = requireVersion(body == null ? null : body.version());
        Role role = BadRequest.check("permissions", () -> new Role(BadRequest.check("name", () -> name),
                body.permissions() == null ? Set.of() : body.permissions(), 0));
        Role stored = store.putRole(tenant, role, version, caller.subject());
        models.invalidate(tenant);
        return stored;
    }

    @GET
    @Path("/roles/{name}")
    public Role getRole(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam("Authorization") String auth)
            throws TokenRejected {
        admin(tenant, auth);
        return store.role(tenant, name).orElseThrow(() -> new NotFoundException("no role " + name + " in tenant " + tenant));
    }

    @DELETE
    @Path("/roles/{name}")
    public void deleteRole(@PathParam("tenant") String tenant, @PathParam("name") String name, @QueryParam("version") Long version,
            @HeaderParam("Authorization") String auth) throws TokenRejected {
        VerifiedToken caller = admin(tenant, auth);
        store.role(tenant, name).orElseThrow(() -> new NotFoundException("no role " + name + " in tenant " + tenant));
        store.deleteRole(tenant, name, requireVersion(version), caller.subject());
        models.invalidate(tenant);
    }

    @PUT
    @Path("/access-records/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public RecordView putRecord(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth,
            RecordBody body) throws TokenRejected {
        VerifiedToken caller = admin(tenant, auth);
        if (body == null) {
            throw new BadRequest("body", "send {\"subject\": ..., \"role\": ..., \"resource\": ..., \"version\": ...}");
        }
        long version = requireVersion(body.version());
        Subject subject = BadRequest.check("subject", () -> Subject.parse(body.subject()));
        if (body.role() == null || store.role(tenant, body.role()).isEmpty()) {
            throw new BadRequest("role", "no role " + body.role() + " in tenant " + tenant + ": create it first");
        }
        AccessRecord record = BadRequest.check("resource", () -> new AccessRecord(id, subject, body.role(), body.resource(), 0));
        AccessRecord stored = store.putAccessRecord(tenant, record, version, caller.subject());
        models.invalidate(tenant);
        return RecordView.of(stored);
    }

    @GET
    @Path("/access-records/{id}")
    public RecordView getRecord(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth)
            throws TokenRejected {
        admin(tenant, auth);
        return store.accessRecord(tenant, id).map(RecordView::of)
                .orElseThrow(() -> new NotFoundException("no access record " + id + " in tenant " + tenant));
    }

    @DELETE
    @Path("/access-records/{id}")
    public void deleteRecord(@PathParam("tenant") String tenant, @PathParam("id") String id, @QueryParam("version") Long version,
            @HeaderParam("Authorization") String auth) throws TokenRejected {
        VerifiedToken caller = admin(tenant, auth);
        store.accessRecord(tenant, id).orElseThrow(() -> new NotFoundException("no access record " + id + " in tenant " + tenant));
        store.deleteAccessRecord(tenant, id, requireVersion(version), caller.subject());
        models.invalidate(tenant);
    }

    @GET
    @Path("/audit")
    public AuditPage audit(@PathParam("tenant") String tenant, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit,
            @HeaderParam("Authorization") String auth) throws TokenRejected {
        admin(tenant, auth);
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 500) {
            throw new BadRequest("limit", "a page holds 1 to 500 entries");
        }
        return BadRequest.check("cursor", () -> store.audit(tenant, Optional.ofNullable(cursor), size));
    }

    public record ClientBody(Set<String> scopes, Long version) {
    }

    /** A new client: its secret and API key are shown here once and never again. */
    public record NewClient(String clientId, String clientSecret, String apiKey, Set<String> scopes, long version) {
    }

    public record ClientView(String clientId, Set<String> scopes, long version) {
    }

    public record UserBody(Set<String> groups) {
    }

    public record UserView(String id, Set<String> groups) {
    }

    @jakarta.ws.rs.POST
    @Path("/clients/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public NewClient createClient(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth,
            ClientBody body) throws TokenRejected {
        VerifiedToken caller = admin(tenant, auth);
        requireClientId(id);
        Set<String> scopes = body == null || body.scopes() == null ? Set.of() : body.scopes();
        scopes.forEach(s -> {
            if (!s.matches("^[a-z][a-z0-9:_-]{0,63}$")) {
                throw new BadRequest("scopes", "a scope is lower case letters, digits and : _ -, not " + s);
            }
        });
        String secret = Secrets.generate();
        AuthStore.StoredClient stored = store.putClient(tenant, id, Secrets.hash(secret), scopes, 0, caller.subject());
        return new NewClient(id, secret, id + "." + secret, stored.scopes(), stored.version());
    }

    @GET
    @Path("/clients/{id}")
    public ClientView getClient(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth)
            throws TokenRejected {
        admin(tenant, auth);
        AuthStore.StoredClient client = store.client(tenant, id)
                .orElseThrow(() -> new NotFoundException("no client " + id + " in tenant " + tenant));
        return new ClientView(client.id(), client.scopes(), client.version());
    }

    @DELETE
    @Path("/clients/{id}")
    public void deleteClient(@PathParam("tenant") String tenant, @PathParam("id") String id, @QueryParam("version") Long version,
            @HeaderParam("Authorization") String auth) throws TokenRejected {
        VerifiedToken caller = admin(tenant, auth);
        store.client(tenant, id).orElseThrow(() -> new NotFoundException("no client " + id + " in tenant " + tenant));
        store.deleteClient(tenant, id, requireVersion(version), caller.subject());
    }

    @PUT
    @Path("/users/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserView putUser(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth,
            UserBody body) throws TokenRejected {
        admin(tenant, auth);
        BadRequest.check("id", () -> Subject.user(id));
        Set<String> groups = body == null || body.groups() == null ? Set.of() : body.groups();
        groups.forEach(g -> BadRequest.check("groups", () -> Subject.group(g)));
        store.putUser(tenant, id, groups);
        models.invalidate(tenant);
        return new UserView(id, groups);
    }

    @GET
    @Path("/users/{id}")
    public UserView getUser(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth)
            throws TokenRejected {
        admin(tenant, auth);
        return new UserView(id, store.userGroups(tenant, id).orElseThrow(() -> new NotFoundException("no user " + id + " in tenant " + tenant)));
    }

    @DELETE
    @Path("/users/{id}")
    public void deleteUser(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth)
            throws TokenRejected {
        admin(tenant, auth);
        store.userGroups(tenant, id).orElseThrow(() -> new NotFoundException("no user " + id + " in tenant " + tenant));
        store.deleteUser(tenant, id);
        models.invalidate(tenant);
    }

    public record GroupBody(String description) {
    }

    public record GroupView(String id, String description, java.util.List<String> members) {
    }

    @PUT
    @Path("/groups/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public GroupView putGroup(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth,
            GroupBody body) throws TokenRejected {
        admin(tenant, auth);
        BadRequest.check("id", () -> Subject.group(id));
        String description = body == null || body.description() == null ? "" : body.description();
        if (description.length() > 1024) {
            throw new BadRequest("description", "at most 1024 characters");
        }
        store.putGroup(tenant, id, description);
        return new GroupView(id, description, store.groupMembers(tenant, id));
    }

    @GET
    @Path("/groups/{id}")
    public GroupView getGroup(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth)
            throws TokenRejected {
        admin(tenant, auth);
        String description = store.groupDescription(tenant, id)
                .orElseThrow(() -> new NotFoundException("no group " + id + " in tenant " + tenant));
        return new GroupView(id, description, store.groupMembers(tenant, id));
    }

    @DELETE
    @Path("/groups/{id}")
    public void deleteGroup(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth)
            throws TokenRejected {
        admin(tenant, auth);
        store.groupDescription(tenant, id).orElseThrow(() -> new NotFoundException("no group " + id + " in tenant " + tenant));
        if (!store.groupMembers(tenant, id).isEmpty()) {
            throw new dev.fivenines.auth.storage.ConflictingWrite("group " + id + " still has members: take them out first");
        }
        store.deleteGroup(tenant, id);
    }

    /** Changes a client's scopes; its secret stays. */
    @PUT
    @Path("/clients/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ClientView updateClient(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth,
            ClientBody body) throws TokenRejected {
        VerifiedToken caller = admin(tenant, auth);
        AuthStore.StoredClient current = store.client(tenant, id)
                .orElseThrow(() -> new NotFoundException("no client " + id + " in tenant " + tenant));
        long version = requireVersion(body == null ? null : body.version());
        Set<String> scopes = body.scopes() == null ? Set.of() : body.scopes();
        AuthStore.StoredClient stored = store.putClient(tenant, id, current.secretHash(), scopes, version, caller.subject());
        return new ClientView(stored.id(), stored.scopes(), stored.version());
    }

    /** Replaces a client's secret; the new one (and API key) is shown once, the old one stops working. */
    @jakarta.ws.rs.POST
    @Path("/clients/{id}/secret")
    public NewClient rotateSecret(@PathParam("tenant") String tenant, @PathParam("id") String id, @QueryParam("version") Long version,
            @HeaderParam("Authorization") String auth) throws TokenRejected {
        VerifiedToken caller = admin(tenant, auth);
        AuthStore.StoredClient current = store.client(tenant, id)
                .orElseThrow(() -> new NotFoundException("no client " + id + " in tenant " + tenant));
        String secret = Secrets.generate();
        AuthStore.StoredClient stored = store.putClient(tenant, id, Secrets.hash(secret), current.scopes(), requireVersion(version),
                caller.subject());
        return new NewClient(id, secret, id + "." + secret, stored.scopes(), stored.version());
    }

    private static void requireClientId(String id) {
        if (id == null || !id.matches("^[a-z0-9][a-z0-9-]{0,62}$") || id.equals(TokenResource.ADMIN_CLIENT)) {
            throw new BadRequest("clientId", "a client id is 1 to 63 lower case letters, digits and dashes, and not 'admin'");
        }
    }

    private static long requireVersion(Long version) {
        if (version == null || version < 0) {
            throw new BadRequest("version", "give the version you read (0 to create)");
        }
        return version;
    }
}

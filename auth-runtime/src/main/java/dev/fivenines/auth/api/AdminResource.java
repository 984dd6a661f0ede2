package dev.fivenines.auth.api;

import java.util.Optional;
import java.util.Set;

import dev.fivenines.auth.authz.AccessRecord;
import dev.fivenines.auth.authz.ModelCache;
import dev.fivenines.auth.authz.Role;
import dev.fivenines.auth.authz.Subject;
import dev.fivenines.auth.config.RuntimeSettings;
import dev.fivenines.auth.storage.AuditPage;
import dev.fivenines.auth.storage.AuthStore;
import dev.fivenines.auth.tokens.TokenRejected;
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

    public AdminResource(AuthStore store, ModelCache models, TokenService tokens, RuntimeSettings settings) {
        this.store = store;
        this.models = models;
        this.tokens = tokens;
        this.settings = settings;
    }

    private VerifiedToken admin(String tenant, String authorization) throws TokenRejected {
        return Bearer.admin(tokens, Tenants.require(tenant), authorization, settings.tokens().audience());
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

    private static long requireVersion(Long version) {
        if (version == null || version < 0) {
            throw new BadRequest("version", "give the version you read (0 to create)");
        }
        return version;
    }
}

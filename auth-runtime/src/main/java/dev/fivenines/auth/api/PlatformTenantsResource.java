package dev.fivenines.auth.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.fivenines.auth.admin.PlatformAdmin;
import dev.fivenines.auth.storage.TenantPage;
import dev.fivenines.auth.storage.TenantRecord;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The platform's tenants, for the platform credential only: {@code POST} provisions one and shows its first admin
 * client's secret once, {@code GET} lists them a page at a time, {@code DELETE /{id}} retires one.
 */
@Path("/platform/tenants")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformTenantsResource {

    public record TenantView(String id, String status, Instant createdAt, Instant retiredAt, long version) {
        static TenantView of(TenantRecord record) {
            return new TenantView(record.id(), record.status().word(), record.createdAt(), record.retiredAt().orElse(null), record.version());
        }
    }

    /** A tenant's first admin client with its secret and API key, shown here once and never again. */
    public record AdminClient(String clientId, String clientSecret, String apiKey, Set<String> scopes) {
    }

    public record Created(TenantView tenant, AdminClient adminClient) {
    }

    public record Page(List<TenantView> entries, Optional<String> next) {
        static Page of(TenantPage page) {
            return new Page(page.entries().stream().map(TenantView::of).toList(), page.next());
        }
    }

    private final PlatformCaller callers;
    private final PlatformAdmin admin;

    PlatformTenantsResource(PlatformCaller callers, PlatformAdmin admin) {
        this.callers = callers;
        this.admin = admin;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam("Authorization") String auth, PlatformAdmin.NewTenant body) {
        String actor = callers.admit(auth);
        PlatformAdmin.Provisioned created = admin.create(body, actor);
        String clientId = created.adminClient().id();
        return Response.status(201).header("Cache-Control", "no-store")
                .entity(new Created(TenantView.of(created.tenant()),
                        new AdminClient(clientId, created.secret(), clientId + "." + created.secret(), created.adminClient().scopes())))
                .build();
    }

    @GET
    public Page list(@HeaderParam("Authorization") String auth, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        callers.admit(auth);
        return Page.of(admin.list(cursor, QueryNumbers.intValue("limit", limit)));
    }

    @DELETE
    @Path("/{id}")
    public TenantView retire(@HeaderParam("Authorization") String auth, @PathParam("id") String id) {
        String actor = callers.admit(auth);
        return TenantView.of(admin.retire(id, actor));
    }
}

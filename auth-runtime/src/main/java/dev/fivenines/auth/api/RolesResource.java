package dev.fivenines.auth.api;

import dev.fivenines.auth.admin.TenantAdmin;
import dev.fivenines.auth.authz.Role;
import dev.fivenines.auth.tokens.TokenRejected;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** A tenant's roles, for its admins: {@code PUT} with the version read ({@code 0} to create), {@code GET}, {@code DELETE ?version=}. */
@Path("/tenants/{tenant}/admin/roles/{name}")
@Produces(MediaType.APPLICATION_JSON)
public class RolesResource {

    private final AdminCaller callers;
    private final TenantAdmin admin;

    RolesResource(AdminCaller callers, TenantAdmin admin) {
        this.callers = callers;
        this.admin = admin;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Role put(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam("Authorization") String auth,
            TenantAdmin.RoleChange body) throws TokenRejected {
        String actor = callers.admit(tenant, auth);
        return admin.putRole(tenant, name, body, actor);
    }

    @GET
    public Role get(@PathParam("tenant") String tenant, @PathParam("name") String name, @HeaderParam("Authorization") String auth)
            throws TokenRejected {
        callers.admit(tenant, auth);
        return admin.role(tenant, name);
    }

    @DELETE
    public void delete(@PathParam("tenant") String tenant, @PathParam("name") String name, @QueryParam("version") String version,
            @HeaderParam("Authorization") String auth) throws TokenRejected {
        String actor = callers.admit(tenant, auth);
        admin.deleteRole(tenant, name, QueryNumbers.longValue("version", version), actor);
    }
}

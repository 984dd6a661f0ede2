package dev.fivenines.auth.api;

import java.util.Set;

import dev.fivenines.auth.admin.TenantAdmin;
import dev.fivenines.auth.tokens.TokenRejected;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A tenant's users and the groups each belongs to, for its admins (not versioned, not audited). */
@Path("/tenants/{tenant}/admin/users/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    public record UserView(String id, Set<String> groups) {
    }

    private final AdminCaller callers;
    private final TenantAdmin admin;

    UsersResource(AdminCaller callers, TenantAdmin admin) {
        this.callers = callers;
        this.admin = admin;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public UserView put(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth,
            TenantAdmin.UserChange body) throws TokenRejected {
        callers.admit(tenant, auth);
        return new UserView(id, admin.putUser(tenant, id, body));
    }

    @GET
    public UserView get(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth)
            throws TokenRejected {
        callers.admit(tenant, auth);
        return new UserView(id, admin.userGroups(tenant, id));
    }

    @DELETE
    public void delete(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth)
            throws TokenRejected {
        callers.admit(tenant, auth);
        admin.deleteUser(tenant, id);
    }
}

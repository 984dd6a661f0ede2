package dev.fivenines.auth.api;

import java.util.List;

import dev.fivenines.auth.admin.TenantAdmin;
import dev.fivenines.auth.storage.StoredGroup;
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

/** A tenant's groups with their members, for its admins (not versioned, not audited); a group with members is not deleted. */
@Path("/tenants/{tenant}/admin/groups/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class GroupsResource {

    public record GroupView(String id, String description, List<String> members) {
        static GroupView of(StoredGroup group) {
            return new GroupView(group.id(), group.description(), group.members());
        }
    }

    private final AdminCaller callers;
    private final TenantAdmin admin;

    GroupsResource(AdminCaller callers, TenantAdmin admin) {
        this.callers = callers;
        this.admin = admin;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public GroupView put(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth,
            TenantAdmin.GroupChange body) throws TokenRejected {
        callers.admit(tenant, auth);
        return GroupView.of(admin.putGroup(tenant, id, body));
    }

    @GET
    public GroupView get(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth)
            throws TokenRejected {
        callers.admit(tenant, auth);
        return GroupView.of(admin.group(tenant, id));
    }

    @DELETE
    public void delete(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth)
            throws TokenRejected {
        callers.admit(tenant, auth);
        admin.deleteGroup(tenant, id);
    }
}

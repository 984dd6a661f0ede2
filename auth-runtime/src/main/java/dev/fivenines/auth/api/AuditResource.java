package dev.fivenines.auth.api;

import dev.fivenines.auth.admin.TenantAdmin;
import dev.fivenines.auth.storage.AuditPage;
import dev.fivenines.auth.tokens.TokenRejected;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** A tenant's audit trail, for its admins: pages of {@code limit} entries (default 50), oldest first, and the cursor of the next. */
@Path("/tenants/{tenant}/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AdminCaller callers;
    private final TenantAdmin admin;

    AuditResource(AdminCaller callers, TenantAdmin admin) {
        this.callers = callers;
        this.admin = admin;
    }

    @GET
    public AuditPage page(@PathParam("tenant") String tenant, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @HeaderParam("Authorization") String auth) throws TokenRejected {
        callers.admit(tenant, auth);
        return admin.audit(tenant, cursor, QueryNumbers.intValue("limit", limit));
    }
}


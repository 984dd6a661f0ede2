package dev.fivenines.auth.api;

import dev.fivenines.auth.admin.TenantAdmin;
import dev.fivenines.auth.authz.AccessRecord;
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

/** A tenant's access records, for its admins: {@code PUT} with the version read ({@code 0} to create), {@code GET}, {@code DELETE ?version=}. */
@Path("/tenants/{tenant}/admin/access-records/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class AccessRecordsResource {

    public record RecordView(String id, String subject, String role, String resource, long version) {
        static RecordView of(AccessRecord r) {
            return new RecordView(r.id(), r.subject().toString(), r.role(), r.resource(), r.version());
        }
    }

    private final AdminCaller callers;
    private final TenantAdmin admin;

    AccessRecordsResource(AdminCaller callers, TenantAdmin admin) {
        this.callers = callers;
        this.admin = admin;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public RecordView put(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth,
            TenantAdmin.RecordChange body) throws TokenRejected {
        String actor = callers.admit(tenant, auth);
        return RecordView.of(admin.putRecord(tenant, id, body, actor));
    }

    @GET
    public RecordView get(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth)
            throws TokenRejected {
        callers.admit(tenant, auth);
        return RecordView.of(admin.record(tenant, id));
    }

    @DELETE
    public void delete(@PathParam("tenant") String tenant, @PathParam("id") String id, @QueryParam("version") String version,
            @HeaderParam("Authorization") String auth) throws TokenRejected {
        String actor = callers.admit(tenant, auth);
        admin.deleteRecord(tenant, id, QueryNumbers.longValue("version", version), actor);
    }
}

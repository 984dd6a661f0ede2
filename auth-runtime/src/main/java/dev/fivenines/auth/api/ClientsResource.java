package dev.fivenines.auth.api;

import java.util.Set;

import dev.fivenines.auth.admin.TenantAdmin;
import dev.fivenines.auth.storage.StoredClient;
import dev.fivenines.auth.tokens.TokenRejected;
import org.jboss.resteasy.reactive.ResponseHeader;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * A tenant's clients, for its admins: {@code POST} creates one (its secret and API key are shown then, once),
 * {@code GET}, {@code PUT} changes its scopes, {@code POST …/secret?version=} replaces its secret (shown once),
 * {@code DELETE ?version=}.
 */
@Path("/tenants/{tenant}/admin/clients/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class ClientsResource {

    /** A client with its new secret and API key, shown here once and never again. */
    public record NewClient(String clientId, String clientSecret, String apiKey, Set<String> scopes, long version) {
        static NewClient of(TenantAdmin.ClientWithSecret created) {
            StoredClient client = created.client();
            return new NewClient(client.id(), created.secret(), client.id() + "." + created.secret(), client.scopes(), client.version());
        }
    }

    public record ClientView(String clientId, Set<String> scopes, long version) {
        static ClientView of(StoredClient client) {
            return new ClientView(client.id(), client.scopes(), client.version());
        }
    }

    private final AdminCaller callers;
    private final TenantAdmin admin;

    ClientsResource(AdminCaller callers, TenantAdmin admin) {
        this.callers = callers;
        this.admin = admin;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public NewClient create(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth,
            TenantAdmin.ClientChange body) throws TokenRejected {
        String actor = callers.admit(tenant, auth);
        return NewClient.of(admin.createClient(tenant, id, body, actor));
    }

    @GET
    public ClientView get(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth)
            throws TokenRejected {
        callers.admit(tenant, auth);
        return ClientView.of(admin.client(tenant, id));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public ClientView update(@PathParam("tenant") String tenant, @PathParam("id") String id, @HeaderParam("Authorization") String auth,
            TenantAdmin.ClientChange body) throws TokenRejected {
        String actor = callers.admit(tenant, auth);
        return ClientView.of(admin.updateClient(tenant, id, body, actor));
    }

    @POST
    @Path("/secret")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public NewClient replaceSecret(@PathParam("tenant") String tenant, @PathParam("id") String id, @QueryParam("version") String version,
            @HeaderParam("Authorization") String auth) throws TokenRejected {
        String actor = callers.admit(tenant, auth);
        return NewClient.of(admin.replaceSecret(tenant, id, QueryNumbers.longValue("version", version), actor));
    }

    @DELETE
    public void delete(@PathParam("tenant") String tenant, @PathParam("id") String id, @QueryParam("version") String version,
            @HeaderParam("Authorization") String auth) throws TokenRejected {
        String actor = callers.admit(tenant, auth);
        admin.deleteClient(tenant, id, QueryNumbers.longValue("version", version), actor);
    }
}

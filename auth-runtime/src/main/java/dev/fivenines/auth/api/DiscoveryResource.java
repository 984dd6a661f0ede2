package dev.fivenines.auth.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fivenines.auth.tokens.TokenService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Per tenant: the OpenID discovery document and the JWKS (public keys only, retired ones included while they verify). */
@Path("/tenants/{tenant}")
public class DiscoveryResource {

    private final TokenService tokens;
    private final TenantGate gate;

    public DiscoveryResource(TokenService tokens, TenantGate gate) {
        this.tokens = tokens;
        this.gate = gate;
    }

    @GET
    @Path("/.well-known/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> discovery(@PathParam("tenant") String tenant) {
        String issuer = tokens.settings().issuer(gate.require(tenant));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("token_endpoint", issuer + "/oauth2/token");
        document.put("jwks_uri", issuer + "/jwks");
        document.put("grant_types_supported", List.of("client_credentials"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("id_token_signing_alg_values_supported", List.of(tokens.settings().algorithm().name()));
        return document;
    }

    @GET
    @Path("/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> jwks(@PathParam("tenant") String tenant) {
        return tokens.keys(gate.require(tenant)).jwks().toJSONObject(true);
    }
}

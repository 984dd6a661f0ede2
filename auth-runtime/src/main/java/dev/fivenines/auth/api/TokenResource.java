package dev.fivenines.auth.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import dev.fivenines.auth.config.RuntimeSettings;
import dev.fivenines.auth.tokens.TokenService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The OAuth 2.0 token endpoint (RFC 6749 §4.4, client credentials). For now it knows one client per
 * tenant, the bootstrap admin ({@code client_id=admin}, secret from the settings), whose tokens carry
 * scope {@code admin}; stored clients come with the admin API's client management.
 */
@Path("/tenants/{tenant}/oauth2/token")
public class TokenResource {

    static final String ADMIN_CLIENT = "admin";

    private final TokenService tokens;
    private final RuntimeSettings settings;

    public TokenResource(TokenService tokens, RuntimeSettings settings) {
        this.tokens = tokens;
        this.settings = settings;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@PathParam("tenant") String tenant, @FormParam("grant_type") String grantType,
            @FormParam("client_id") String clientId, @FormParam("client_secret") String clientSecret,
            @HeaderParam("Authorization") String authorization) {
        Tenants.require(tenant);
        if (!"client_credentials".equals(grantType)) {
            return ErrorMappers.error(400, "unsupported_grant_type", "grant_type", "only client_credentials is supported");
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8).split(":", 2);
            clientId = pair[0];
            clientSecret = pair.length > 1 ? pair[1] : "";
        }
        String expected = settings.admin().bootstrapSecrets().get(tenant);
        if (!ADMIN_CLIENT.equals(clientId) || expected == null || clientSecret == null
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), clientSecret.getBytes(StandardCharsets.UTF_8))) {
            return Response.fromResponse(ErrorMappers.error(401, "invalid_client", null, "unknown client or wrong secret"))
                    .header("WWW-Authenticate", "Basic realm=\"" + tenant + "\"").build();
        }
        TokenService.Issued issued = tokens.issue(tenant, "client:" + ADMIN_CLIENT, settings.tokens().audience(), "admin");
        return Response.ok(Map.of("access_token", issued.token(), "token_type", "Bearer", "expires_in",
                settings.tokens().accessTokenTtl().toSeconds(), "scope", "admin"))
                .header("Cache-Control", "no-store").build();
    }
}

package dev.fivenines.auth.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.fivenines.auth.config.RuntimeSettings;
import dev.fivenines.auth.limits.RequestLimits;
import dev.fivenines.auth.storage.AuthStore;
import dev.fivenines.auth.storage.StoredClient;
import dev.fivenines.auth.tokens.BootstrapSecrets;
import dev.fivenines.auth.tokens.Secrets;
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
 * The OAuth 2.0 token endpoint: the client-credentials grant (RFC 6749 §4.4, secret in the form or in
 * HTTP Basic) and the API-key grant ({@code grant_type=urn:fivenines:grant-type:api-key},
 * {@code api_key=<client id>.<secret>}). Clients are the tenant's stored ones, plus its bootstrap admin
 * ({@code client_id=admin}, secret from the settings), whose tokens carry scope {@code admin}.
 */
@Path("/tenants/{tenant}/oauth2/token")
public class TokenResource {

    static final String API_KEY_GRANT = "urn:fivenines:grant-type:api-key";
    static final String UNKNOWN_CLIENT = "client:(unknown)";
    private static final Pattern CLIENT_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    private final TokenService tokens;
    private final RuntimeSettings settings;
    private final AuthStore store;
    private final RequestLimits limits;
    private final BootstrapSecrets bootstrapSecrets;
    private final TenantGate gate;
    private final BootstrapFailures bootstrapFailures;

    public TokenResource(TokenService tokens, RuntimeSettings settings, AuthStore store, RequestLimits limits,
            BootstrapSecrets bootstrapSecrets, TenantGate gate, BootstrapFailures bootstrapFailures) {
        this.gate = gate;
        this.bootstrapFailures = bootstrapFailures;
        this.tokens = tokens;
        this.settings = settings;
        this.store = store;
        this.limits = limits;
        this.bootstrapSecrets = bootstrapSecrets;
    }

    private Response storedClient(String tenant, String clientId, String secret) {
        // an id that cannot be a client's is unknown without asking storage (which refuses keys over 1024 bytes)
        Optional<StoredClient> client = clientId == null || !CLIENT_ID.matcher(clientId).matches() ? Optional.empty()
                : store.client(tenant, clientId);
        // a known client is limited as itself; every unknown id of the tenant shares one limit, so ids a caller
        // makes up cannot grow the limiter's memory
        limits.admit(tenant, client.isPresent() ? "client:" + clientId : UNKNOWN_CLIENT);
        if (client.isEmpty() || !Secrets.matches(secret, client.get().secretHash())) {
            return Response.fromResponse(ErrorMappers.error(401, "invalid_client", null, "unknown client or wrong secret"))
                    .header("WWW-Authenticate", "Basic realm=\"" + tenant + "\"").build();
        }
        String scope = String.join(" ", client.get().scopes().stream().sorted().toList());
        TokenService.Issued issued = tokens.issue(tenant, "client:" + clientId, settings.tokens().audience(), scope);
        return Response.ok(Map.of("access_token", issued.token(), "token_type", "Bearer", "expires_in",
                settings.tokens().accessTokenTtl().toSeconds(), "scope", scope))
                .header("Cache-Control", "no-store").build();
    }

    private static String basicCredentials(String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("Authorization", "Basic credentials are the base64 of <client id>:<client secret>");
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@PathParam("tenant") String tenant, @FormParam("grant_type") String grantType,
            @FormParam("client_id") String clientId, @FormParam("client_secret") String clientSecret,
            @FormParam("api_key") String apiKey, @HeaderParam("Authorization") String authorization) {
        gate.require(tenant);
        if (API_KEY_GRANT.equals(grantType)) {
            int dot = apiKey == null ? -1 : apiKey.indexOf('.');
            if (dot <= 0) {
                return ErrorMappers.error(400, "invalid_request", "api_key", "an API key is <client id>.<secret>, as it was shown once");
            }
            return storedClient(tenant, apiKey.substring(0, dot), apiKey.substring(dot + 1));
        }
        if (!"client_credentials".equals(grantType)) {
            return ErrorMappers.error(400, "unsupported_grant_type", "grant_type",
                    "client_credentials and " + API_KEY_GRANT + " are supported");
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = basicCredentials(authorization.substring(6).trim()).split(":", 2);
            clientId = pair[0];
            clientSecret = pair.length > 1 ? pair[1] : "";
        }
        if (!BootstrapSecrets.ADMIN_CLIENT.equals(clientId)) {
            return storedClient(tenant, clientId, clientSecret);
        }
        limits.admit(tenant, "client:" + BootstrapSecrets.ADMIN_CLIENT);
        bootstrapFailures.check(tenant);
        String expected = bootstrapSecrets.of(tenant).orElse(null);
        if (expected == null || clientSecret == null
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), clientSecret.getBytes(StandardCharsets.UTF_8))) {
            bootstrapFailures.failed(tenant);
            return Response.fromResponse(ErrorMappers.error(401, "invalid_client", null, "unknown client or wrong secret"))
                    .header("WWW-Authenticate", "Basic realm=\"" + tenant + "\"").build();
        }
        TokenService.Issued issued = tokens.issue(tenant, "client:" + BootstrapSecrets.ADMIN_CLIENT, settings.tokens().audience(), "admin");
        return Response.ok(Map.of("access_token", issued.token(), "token_type", "Bearer", "expires_in",
                settings.tokens().accessTokenTtl().toSeconds(), "scope", "admin"))
                .header("Cache-Control", "no-store").build();
    }
}

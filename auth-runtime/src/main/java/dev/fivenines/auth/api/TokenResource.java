package dev.fivenines.auth.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.fivenines.auth.clients.ClientCache;
import dev.fivenines.auth.config.RuntimeSettings;
import dev.fivenines.auth.limits.RequestLimits;
import dev.fivenines.auth.storage.StoredClient;
import dev.fivenines.auth.tenants.TenantDirectory;
import dev.fivenines.auth.tokens.BootstrapSecrets;
import dev.fivenines.auth.tokens.Secrets;
import dev.fivenines.auth.tokens.TokenService;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
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
 * ({@code client_id=admin}, secret from the settings), whose tokens carry scope {@code admin}. Stored clients are
 * looked up through the {@link ClientCache}, so a grant for a client in use reads no storage.
 */
@Path("/tenants/{tenant}/oauth2/token")
public class TokenResource {

    static final String API_KEY_GRANT = "urn:fivenines:grant-type:api-key";
    static final String UNKNOWN_CLIENT = "client:(unknown)";
    private static final Pattern CLIENT_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    private final TokenService tokens;
    private final RuntimeSettings settings;
    private final ClientCache clients;
    private final RequestLimits limits;
    private final BootstrapSecrets bootstrapSecrets;
    private final TenantGate gate;
    private final BootstrapFailures bootstrapFailures;

    public TokenResource(TokenService tokens, RuntimeSettings settings, ClientCache clients, RequestLimits limits,
            BootstrapSecrets bootstrapSecrets, TenantGate gate, BootstrapFailures bootstrapFailures) {
        this.gate = gate;
        this.bootstrapFailures = bootstrapFailures;
        this.tokens = tokens;
        this.settings = settings;
        this.clients = clients;
        this.limits = limits;
        this.bootstrapSecrets = bootstrapSecrets;
    }

    private Response storedClient(String tenant, String clientId, String secret) {
        // an id that cannot be a client's is unknown without asking storage (which refuses keys over 1024 bytes)
        Optional<StoredClient> client = storable(clientId) ? clients.client(tenant, clientId) : Optional.empty();
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

    /** What the form and headers ask for: a refusal already, or a client's credentials. */
    private record Grant(Response refused, String clientId, String secret) {

        static Grant refusal(Response refused) {
            return new Grant(refused, null, null);
        }
    }

    /**
     * Answered on the I/O thread when everything it needs is in memory (a known tenant, its signing keys, the client's
     * lookup in the client cache): no thread hand-off, no storage. Otherwise (a tenant or client not seen lately, the
     * bootstrap admin) it moves to a worker thread, where it may read storage.
     */
    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> token(@PathParam("tenant") String tenant, @FormParam("grant_type") String grantType,
            @FormParam("client_id") String clientId, @FormParam("client_secret") String clientSecret,
            @FormParam("api_key") String apiKey, @HeaderParam("Authorization") String authorization) {
        TenantDirectory.Presence presence = gate.inMemory(tenant);
        if (presence == TenantDirectory.Presence.UNKNOWN) {
            throw new TenantDirectory.NotFound(tenant);
        }
        if (presence == TenantDirectory.Presence.KNOWN) {
            Grant grant = grant(grantType, clientId, clientSecret, apiKey, authorization);
            if (grant.refused() != null) {
                return Uni.createFrom().item(grant.refused());
            }
            if (answerableFromMemory(tenant, grant)) {
                return Uni.createFrom().item(storedClient(tenant, grant.clientId(), grant.secret()));
            }
        }
        return Uni.createFrom().item(() -> {
            gate.require(tenant);
            Grant grant = grant(grantType, clientId, clientSecret, apiKey, authorization);
            if (grant.refused() != null) {
                return grant.refused();
            }
            return BootstrapSecrets.ADMIN_CLIENT.equals(grant.clientId()) ? bootstrapAdmin(tenant, grant.secret())
                    : storedClient(tenant, grant.clientId(), grant.secret());
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private boolean answerableFromMemory(String tenant, Grant grant) {
        return !BootstrapSecrets.ADMIN_CLIENT.equals(grant.clientId()) && tokens.canIssueFromMemory(tenant)
                && (!storable(grant.clientId()) || clients.inMemory(tenant, grant.clientId()));
    }

    private static boolean storable(String clientId) {
        return clientId != null && CLIENT_ID.matcher(clientId).matches();
    }

    private static Grant grant(String grantType, String clientId, String clientSecret, String apiKey, String authorization) {
        if (API_KEY_GRANT.equals(grantType)) {
            int dot = apiKey == null ? -1 : apiKey.indexOf('.');
            if (dot <= 0) {
                return Grant.refusal(ErrorMappers.error(400, "invalid_request", "api_key", "an API key is <client id>.<secret>, as it was shown once"));
            }
            return new Grant(null, apiKey.substring(0, dot), apiKey.substring(dot + 1));
        }
        if (!"client_credentials".equals(grantType)) {
            return Grant.refusal(ErrorMappers.error(400, "unsupported_grant_type", "grant_type",
                    "client_credentials and " + API_KEY_GRANT + " are supported"));
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = basicCredentials(authorization.substring(6).trim()).split(":", 2);
            return new Grant(null, pair[0], pair.length > 1 ? pair[1] : "");
        }
        return new Grant(null, clientId, clientSecret);
    }

    private Response bootstrapAdmin(String tenant, String clientSecret) {
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

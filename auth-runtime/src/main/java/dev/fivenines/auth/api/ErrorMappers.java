package dev.fivenines.auth.api;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.fivenines.auth.authz.ModelCache;
import dev.fivenines.auth.limits.Admission;
import dev.fivenines.auth.limits.BlockedRequestLog;
import dev.fivenines.auth.limits.RequestLimits;
import dev.fivenines.auth.storage.ConflictingWrite;
import dev.fivenines.auth.storage.StorageUnavailable;
import dev.fivenines.auth.tokens.TokenRejected;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Every failure answered as JSON with a reason a client can act on; nothing internal leaks. */
public class ErrorMappers {

    private final BlockedRequestLog blockedLog;

    @Inject
    public ErrorMappers(Clock clock) {
        this.blockedLog = new BlockedRequestLog(() -> clock.instant().getEpochSecond());
    }

    static Response error(int status, String error, String field, String reason) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        if (field != null) {
            body.put("field", field);
        }
        body.put("reason", reason);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequest e) {
        return error(400, "invalid_request", e.field(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response rejected(TokenRejected e) {
        return Response.fromResponse(error(401, "invalid_token", null, e.getMessage()))
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(Forbidden e) {
        return error(403, "insufficient_scope", null, e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(ConflictingWrite e) {
        return error(409, "conflict", null, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return error(404, "not_found", null, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(ModelCache.Unavailable e) {
        boolean timedOut = e.getCause() instanceof StorageUnavailable storage && storage.timedOut();
        return Response.fromResponse(error(timedOut ? 504 : 503, "temporarily_unavailable", null,
                "the authorization model cannot be read now (" + (e.getCause() == null ? "" : e.getCause().getMessage()) + "); retry"))
                .header("Retry-After", "1").build();
    }

    @ServerExceptionMapper
    public Response storageUnavailable(StorageUnavailable e) {
        return Response.fromResponse(error(e.timedOut() ? 504 : 503, "temporarily_unavailable", null, e.getMessage() + "; retry"))
                .header("Retry-After", "1").build();
    }

    @ServerExceptionMapper
    public Response blocked(RequestLimits.Blocked e, HttpServerRequest request) {
        Admission admission = e.admission();
        String limit = admission.outcome() == Admission.Outcome.BLOCKED_TENANT_LIMIT ? "tenant" : "client";
        blockedLog.blocked(e.tenant(), e.client(), limit, admission.limitRps(),
                request.remoteAddress() == null ? "-" : request.remoteAddress().hostAddress(), request.getHeader("X-Forwarded-For"),
                request.path(), request.getHeader("User-Agent"));
        return Response.fromResponse(error(429, "rate_limited", null, "this " + limit + " sends more than its limit ("
                + admission.limitRps() + " requests/s on each replica); slow down")).header("Retry-After", String.valueOf(Math.max(1, admission.retryAfterSeconds()))).build();
    }
}

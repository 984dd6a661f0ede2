package dev.fivenines.auth.api;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.fivenines.auth.authz.ModelCache;
import dev.fivenines.auth.limits.Admission;
import dev.fivenines.auth.limits.BlockedRequestLog;
import dev.fivenines.auth.limits.FailedAttempts;
import dev.fivenines.auth.limits.RequestLimits;
import dev.fivenines.auth.storage.ConflictingWrite;
import dev.fivenines.auth.storage.StorageUnavailable;
import dev.fivenines.auth.tenants.ServedTenants;
import dev.fivenines.auth.tenants.TenantDirectory;
import dev.fivenines.auth.tokens.TokenRejected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Every failure answered as JSON with a reason a client can act on; nothing internal leaks. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    /** Counts the failures no mapper below expected: a 500 with no detail, logged with a reference. */
    static final String UNEXPECTED_FAILURES = "fivenines.http.unexpected.failures";

    private final BlockedRequestLog blockedLog;
    private final Counter unexpected;

    @Inject
    public ErrorMappers(Clock clock, MeterRegistry meters) {
        this.blockedLog = new BlockedRequestLog(() -> clock.instant().getEpochSecond());
        this.unexpected = Counter.builder(UNEXPECTED_FAILURES).description("Requests answered 500 by the catch-all: a failure no mapper expected")
                .register(meters);
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
    public Response tenantNotFound(TenantDirectory.NotFound e) {
        return error(404, "tenant_not_found", "tenant", e.getMessage());
    }

    @ServerExceptionMapper
    public Response tenantNotServed(ServedTenants.NotServedHere e) {
        return error(404, "tenant_not_served", "tenant", e.getMessage());
    }

    @ServerExceptionMapper
    public Response tenantLookupsBusy(TenantDirectory.LookupsBusy e) {
        return Response.fromResponse(error(429, "rate_limited", null, e.getMessage())).header("Retry-After", "1").build();
    }

    @ServerExceptionMapper
    public Response unauthorized(Unauthorized e) {
        return Response.fromResponse(error(401, "invalid_token", null, e.getMessage()))
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"").build();
    }

    @ServerExceptionMapper
    public Response tooManyFailures(FailedAttempts.TooMany e) {
        return Response.fromResponse(error(429, "too_many_failed_attempts", null, e.what() + " failed too often; wait "
                + e.retryAfterSeconds() + " s")).header("Retry-After", String.valueOf(e.retryAfterSeconds())).build();
    }

    /** JSON whose values have the wrong types (also for a whole body of the wrong kind): 400 naming the field. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    /** A body that is not JSON, or JSON whose values have the wrong types: 400 naming the field. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty() ? JsonFields.path(mapping.getPath()) : "body";
        String reason = e instanceof JsonMappingException && !(e instanceof com.fasterxml.jackson.core.JsonParseException)
                ? "this value has the wrong type or form" + (field.equals("body") ? ": send a JSON object" : "")
                : "the body is not valid JSON";
        return error(400, "invalid_request", field, JsonFields.shorten(reason));
    }

    /** The framework's own refusals (405, 406, 415, a parameter that does not convert...), as JSON; an answer already built passes as is. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable);
        }
        Response response = e.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        int status = response.getStatus();
        if (status >= 500) {
            return unexpected(e, null);
        }
        return Response.fromResponse(response).type(MediaType.APPLICATION_JSON)
                .entity(error(status, status == 404 ? "not_found" : "invalid_request", null,
                        JsonFields.shorten(e.getMessage() == null ? "refused" : e.getMessage())).getEntity()).build();
    }

    /** Anything else: 500 without details, logged with a reference the answer carries, and counted. */
    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpServerRequest request) {
        unexpected.increment();
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure (reference %s) answering %s", reference, request == null ? "-" : request.method() + " " + request.path());
        return error(500, "internal_error", null, "an unexpected failure; it was logged with reference " + reference);
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

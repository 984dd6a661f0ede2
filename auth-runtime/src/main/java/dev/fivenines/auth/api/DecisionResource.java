package dev.fivenines.auth.api;

import dev.fivenines.auth.authz.Decision;
import dev.fivenines.auth.authz.ModelCache;
import dev.fivenines.auth.authz.Permission;
import dev.fivenines.auth.authz.ResourcePath;
import dev.fivenines.auth.authz.Subject;
import dev.fivenines.auth.config.RuntimeSettings;
import dev.fivenines.auth.drill.DrillFault;
import dev.fivenines.auth.limits.RequestLimits;
import dev.fivenines.auth.tenants.TenantDirectory;
import dev.fivenines.auth.tokens.TokenRejected;
import dev.fivenines.auth.tokens.TokenService;
import dev.fivenines.auth.tokens.VerifiedToken;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * "May this subject do this permission on this resource?" — answered from the tenant's model in memory.
 * The caller authenticates with a token of the tenant; without a subject in the body, the token's
 * subject is the one asked about.
 */
@Path("/tenants/{tenant}/authorize")
public class DecisionResource {

    public record Question(String subject, String permission, String resource) {
    }

    public record Answer(boolean allowed, String reason, String record, String role) {
    }

    private final ModelCache models;
    private final TokenService tokens;
    private final RuntimeSettings settings;
    private final RequestLimits limits;
    private final DrillFault drill;
    private final TenantGate gate;

    public DecisionResource(ModelCache models, TokenService tokens, RuntimeSettings settings, RequestLimits limits, DrillFault drill,
            TenantGate gate) {
        this.gate = gate;
        this.models = models;
        this.tokens = tokens;
        this.settings = settings;
        this.limits = limits;
        this.drill = drill;
    }

    /**
     * Answered on the I/O thread when everything it needs is in memory (a known tenant, a token verified before, a
     * loaded model): no thread hand-off, no waiting; a tenant id memory knows is not provisioned is refused there too. Otherwise (a new token to check, a tenant's first decision)
     * the work that may read storage moves to a worker thread.
     */
    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Answer> authorize(@PathParam("tenant") String tenant, @HeaderParam("Authorization") String authorization, Question question) {
        TenantDirectory.Presence presence = gate.inMemory(tenant);
        if (presence == TenantDirectory.Presence.UNKNOWN) {
            throw new TenantDirectory.NotFound(tenant);
        }
        String audience = settings.tokens().audience();
        VerifiedToken known = presence == TenantDirectory.Presence.KNOWN ? Bearer.alreadyVerified(tokens, tenant, authorization, audience) : null;
        if (known != null && models.inMemory(tenant)) {
            return Uni.createFrom().item(answer(tenant, known, question));
        }
        return Uni.createFrom().deferred(() -> {
            try {
                gate.require(tenant);
                return Uni.createFrom().item(answer(tenant, Bearer.verify(tokens, tenant, authorization, audience), question));
            } catch (TokenRejected e) {
                return Uni.createFrom().failure(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Answer answer(String tenant, VerifiedToken caller, Question question) {
        limits.admit(tenant, caller.subject());
        if (question == null) {
            throw new BadRequest("body", "send {\"permission\": ..., \"resource\": ..., \"subject\": optional}");
        }
        Subject subject = BadRequest.check("subject", () -> Subject.parse(question.subject() == null ? caller.subject() : question.subject()));
        String permission = BadRequest.check("permission", () -> Permission.requireConcrete(question.permission()));
        String resource = BadRequest.check("resource", () -> ResourcePath.requirePath(question.resource()));
        drill.beforeDecision();
        Decision decision = models.model(tenant).decide(subject, permission, resource);
        return new Answer(decision.allowed(), decision.reason(), decision.recordId(), decision.role());
    }
}

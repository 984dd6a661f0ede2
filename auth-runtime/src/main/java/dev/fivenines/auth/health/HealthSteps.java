package dev.fivenines.auth.health;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.fivenines.auth.authz.AccessRecord;
import dev.fivenines.auth.authz.Decision;
import dev.fivenines.auth.authz.ModelCache;
import dev.fivenines.auth.authz.Role;
import dev.fivenines.auth.authz.Subject;
import dev.fivenines.auth.authz.TenantModel;
import dev.fivenines.auth.storage.AuthStore;
import dev.fivenines.auth.storage.ConflictingWrite;
import dev.fivenines.auth.tokens.TokenService;
import dev.fivenines.auth.tokens.VerifiedToken;

/**
 * The steps of the deep health check, each through the same code that serves users. They work on a
 * reserved tenant, {@value #TENANT}, that no request can name (tenant ids in paths have no underscore):
 * its canary role and access record are written once and then read on every check.
 */
class HealthSteps {

    static final String TENANT = "_health";
    static final String CANARY_RECORD = "canary";
    static final String CANARY_ROLE = "health-probe";
    static final String PERMISSION = "health:probe";
    static final Subject PROBE = Subject.client("probe");
    private static final String ACTOR = "deep-health-check";

    private final AuthStore store;
    private final ModelCache models;
    private final TokenService tokens;
    private final String audience;

    HealthSteps(AuthStore store, ModelCache models, TokenService tokens, String audience) {
        this.store = store;
        this.models = models;
        this.tokens = tokens;
        this.audience = audience;
    }

    /** Reads the canary record (writing it on the very first check of a fresh table). */
    String storage() {
        Optional<AccessRecord> canary = store.accessRecord(TENANT, CANARY_RECORD);
        if (canary.isPresent()) {
            return "read canary record version " + canary.get().version();
        }
        try {
            if (store.role(TENANT, CANARY_ROLE).isEmpty()) {
                store.putRole(TENANT, new Role(CANARY_ROLE, Set.of(PERMISSION), 0), 0, ACTOR);
            }
            store.putAccessRecord(TENANT, new AccessRecord(CANARY_RECORD, PROBE, CANARY_ROLE, "/canary", 0), 0, ACTOR);
        } catch (ConflictingWrite raced) {
            // another replica or region wrote it first: what counts is that it can be read now
            return "read canary record version "
                    + store.accessRecord(TENANT, CANARY_RECORD).orElseThrow(() -> raced).version() + " written by another replica";
        }
        models.invalidate(TENANT);
        return "wrote the canary record (first check on this table)";
    }

    /** Signs a token with the tenant's current key and verifies it. */
    String token() throws Exception {
        TokenService.Issued issued = tokens.issue(TENANT, PROBE.toString(), audience, "");
        VerifiedToken verified = tokens.verify(TENANT, issued.token(), audience);
        if (!verified.subject().equals(PROBE.toString())) {
            throw new IllegalStateException("the verified token names subject " + verified.subject());
        }
        return "signed and verified with key " + issued.kid();
    }

    /** The canary model as the decision engine holds it: loaded, and without problems. */
    TenantModel model() {
        TenantModel model = models.model(TENANT);
        List<String> problems = model.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the loaded model has problems: " + problems);
        }
        if (model.recordCount() < 1) {
            throw new IllegalStateException("the loaded model has no canary record");
        }
        return model;
    }

    /** Two decisions with known answers: the canary grant allows, a permission it lacks is denied. */
    String decision(TenantModel model) {
        Decision allowed = model.decide(PROBE, PERMISSION, "/canary/check");
        if (!allowed.allowed() || !CANARY_RECORD.equals(allowed.recordId())) {
            throw new IllegalStateException("the canary grant was not applied: " + allowed.reason());
        }
        Decision denied = model.decide(PROBE, "health:other", "/canary/check");
        if (denied.allowed()) {
            throw new IllegalStateException("a permission the canary role lacks was allowed: " + denied.reason());
        }
        return "allowed by " + allowed.recordId() + ", denied as expected";
    }
}

package dev.fivenines.auth.api;

import dev.fivenines.auth.config.RuntimeSettings;
import dev.fivenines.auth.limits.RequestLimits;
import dev.fivenines.auth.tokens.TokenRejected;
import dev.fivenines.auth.tokens.TokenService;
import dev.fivenines.auth.tokens.VerifiedToken;
import jakarta.enterprise.context.ApplicationScoped;

/** The caller of an admin endpoint: a provisioned tenant, a bearer token of the path's tenant with scope {@code admin}, within its rate limit. */
@ApplicationScoped
class AdminCaller {

    private final TokenService tokens;
    private final RuntimeSettings settings;
    private final RequestLimits limits;
    private final TenantGate gate;

    AdminCaller(TokenService tokens, RuntimeSettings settings, RequestLimits limits, TenantGate gate) {
        this.tokens = tokens;
        this.settings = settings;
        this.limits = limits;
        this.gate = gate;
    }

    /** The caller's subject (the actor its changes are audited under), once its token is verified and its request admitted. */
    String admit(String tenant, String authorization) throws TokenRejected {
        VerifiedToken caller = Bearer.admin(tokens, gate.require(tenant), authorization, settings.tokens().audience());
        limits.admit(tenant, caller.subject());
        return caller.subject();
    }
}

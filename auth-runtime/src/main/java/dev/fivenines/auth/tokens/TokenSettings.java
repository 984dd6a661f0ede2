package dev.fivenines.auth.tokens;

import java.time.Duration;

/**
 * @param issuerBase the blueprint's issuer; a tenant's issuer is {@code <issuerBase>/tenants/<tenant>}
 * @param accessTokenTtl lifetime of issued tokens
 * @param clockSkew how far clocks may disagree when checking exp and nbf
 * @param maxTokenBytes longer tokens are refused before parsing
 */
public record TokenSettings(String issuerBase, Algorithm algorithm, Duration accessTokenTtl, Duration clockSkew, int maxTokenBytes) {

    public String issuer(String tenant) {
        return issuerBase + "/tenants/" + tenant;
    }
}

package dev.fivenines.auth.api;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Ticker;

import dev.fivenines.auth.config.RuntimeSettings;
import dev.fivenines.auth.limits.FailedAttempts;
import dev.fivenines.auth.tenants.PlatformCredential;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The caller of the platform API: {@code Authorization: Bearer <platform credential>}, never a tenant's token. After
 * {@code fivenines.platform.failed-attempts-per-minute} wrong credentials in a minute, every platform call is refused
 * (429) until the minute ends, before the credential is compared.
 */
@ApplicationScoped
class PlatformCaller {

    static final String ACTOR = "platform";
    private static final String KEY = "platform";

    private final PlatformCredential credential;
    private final FailedAttempts failures;

    @Inject
    PlatformCaller(PlatformCredential credential, RuntimeSettings settings) {
        this(credential, new FailedAttempts(settings.platform().failedAttemptsPerMinute(), Duration.ofMinutes(1), Ticker.systemTicker()));
    }

    PlatformCaller(PlatformCredential credential, FailedAttempts failures) {
        this.credential = credential;
        this.failures = failures;
    }

    /** The actor the platform's changes are audited under, once the credential is checked. */
    String admit(String authorization) {
        failures.check(KEY, "the platform credential");
        if (!credential.configured()) {
            throw new Unauthorized("no platform credential is configured on this service: the platform API is off");
        }
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : null;
        if (!credential.matches(presented)) {
            failures.failed(KEY);
            throw new Unauthorized("this needs Authorization: Bearer <the platform credential>");
        }
        return ACTOR;
    }
}

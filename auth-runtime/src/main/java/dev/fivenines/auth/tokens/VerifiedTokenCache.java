package dev.fivenines.auth.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Tokens that already verified, so a client that sends the same token a thousand times pays for one
 * signature check. Keyed by the whole token and the audience asked for: a hit is exactly the same question with the
 * same answer.
 *
 * <p>Bounded by entry count with Caffeine's W-TinyLFU policy: a token seen once must be seen more often than the
 * entry it would replace to get in, so a flood of distinct tokens cannot push out the tokens clients keep sending.
 * Each entry expires exactly when its token does ({@code exp} plus the allowed clock skew) on the service's own
 * clock, so an expired token is never answered from memory.
 */
final class VerifiedTokenCache {

    private record Key(String token, String audience) {
    }

    private final Cache<Key, VerifiedToken> entries;

    /**
     * @param maintenance where Caffeine runs its eviction and clean-up; {@code Runnable::run} runs it on the calling
     *                    thread, which makes the order of events exact (tests)
     */
    VerifiedTokenCache(int capacity, Duration clockSkew, Clock clock, Executor maintenance) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(capacity)
                .expireAfter(new UntilTokenExpires(clockSkew))
                .ticker(() -> epochNanos(clock.instant()))
                .executor(maintenance)
                .build();
    }

    VerifiedToken get(String tenant, String token, String audience) {
        VerifiedToken hit = entries.getIfPresent(new Key(token, audience));
        return hit != null && hit.tenant().equals(tenant) ? hit : null;
    }

    void put(String token, String audience, VerifiedToken verified) {
        entries.put(new Key(token, audience), verified);
    }

    /** The ticker reads the service's clock, so "now" for an entry is the same instant the token's {@code exp} is compared with. */
    private static long epochNanos(Instant instant) {
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }

    /** An entry lives until its token's expiry plus the clock skew; reading it does not extend that. */
    private record UntilTokenExpires(Duration clockSkew) implements Expiry<Key, VerifiedToken> {

        @Override
        public long expireAfterCreate(Key key, VerifiedToken token, long currentTime) {
            Instant now = Instant.ofEpochSecond(0, currentTime);
            Duration left = Duration.between(now, token.expiresAt().plus(clockSkew));
            if (left.isNegative()) {
                return 0;
            }
            try {
                return left.toNanos();
            } catch (ArithmeticException tooFarAhead) {
                return Long.MAX_VALUE;
            }
        }

        @Override
        public long expireAfterUpdate(Key key, VerifiedToken token, long currentTime, long currentDuration) {
            return expireAfterCreate(key, token, currentTime);
        }

        @Override
        public long expireAfterRead(Key key, VerifiedToken token, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}

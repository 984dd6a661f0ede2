package dev.fivenines.auth.limits;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Failed credential attempts per key (the platform credential, a tenant's bootstrap admin secret), counted over fixed
 * windows that start with a key's first failure: once a key has failed {@code maxFailures} times in its window, every
 * attempt of that key is refused until the window ends, before the credential is compared. Refusing correct credentials
 * too is the point: an attacker cannot go on guessing and learn from the one answer that differs. At most
 * {@value #MAX_KEYS} keys are held; the keys are fixed names and ids of provisioned tenants, not values a caller makes up.
 */
public final class FailedAttempts {

    /** Refused because the key failed too often: answered 429 with Retry-After. */
    public static final class TooMany extends RuntimeException {
        private final String what;
        private final long retryAfterSeconds;

        TooMany(String what, long retryAfterSeconds) {
            super(null, null, false, false);
            this.what = what;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public String what() {
            return what;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    static final int MAX_KEYS = 10_000;

    private record Window(long startNanos, AtomicInteger failures) {
    }

    private final int maxFailures;
    private final long windowNanos;
    private final Ticker ticker;
    private final Cache<String, Window> windows;

    public FailedAttempts(int maxFailures, Duration window, Ticker ticker) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("at least one failed attempt must be allowed, was " + maxFailures);
        }
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.ticker = ticker;
        this.windows = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterWrite(windowNanos, TimeUnit.NANOSECONDS).ticker(ticker)
                .executor(Runnable::run).build();
    }

    /** Throws {@link TooMany} when {@code key} failed {@code maxFailures} times in its current window. */
    public void check(String key, String what) {
        Window window = windows.getIfPresent(key);
        if (window != null && window.failures().get() >= maxFailures) {
            long left = window.startNanos() + windowNanos - ticker.read();
            throw new TooMany(what, Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left + 999_999_999L)));
        }
    }

    public void failed(String key) {
        windows.get(key, k -> new Window(ticker.read(), new AtomicInteger())).failures().incrementAndGet();
    }
}

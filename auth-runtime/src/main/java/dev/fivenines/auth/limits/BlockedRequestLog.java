package dev.fivenines.auth.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

/**
 * Logs refused requests with tenant, client, source address, forwarded-for, path and user agent. A client
 * flooding at thousands of requests a second must not turn the log into the bottleneck, so each client gets at
 * most one line a second; the line says how many refusals of that client it stands for since the previous one.
 */
public final class BlockedRequestLog {

    private static final Logger LOG = Logger.getLogger("dev.fivenines.auth.limits.blocked");

    private record Key(String tenant, String client) {
    }

    private static final class Pending {
        final AtomicLong lastLineSecond = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong unlogged = new AtomicLong();
    }

    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();
    private final LongSupplier epochSecond;

    public BlockedRequestLog(LongSupplier epochSecond) {
        this.epochSecond = epochSecond;
    }

    /** Returns whether a line was written for this refusal. */
    public boolean blocked(String tenant, String client, String limit, int limitRps, String source, String forwardedFor, String path,
            String userAgent) {
        Pending entry = pending.computeIfAbsent(new Key(tenant, client), k -> new Pending());
        long refusals = entry.unlogged.incrementAndGet();
        long now = epochSecond.getAsLong();
        long last = entry.lastLineSecond.get();
        if (last == now || !entry.lastLineSecond.compareAndSet(last, now)) {
            return false;
        }
        refusals = entry.unlogged.getAndSet(0);
        LOG.warnf("blocked: tenant=%s client=%s limit=%s limitRps=%d source=%s forwardedFor=%s path=%s userAgent=\"%s\" refusedSinceLastLine=%d",
                tenant, client, limit, limitRps, source, forwardedFor == null ? "-" : forwardedFor, path,
                userAgent == null ? "-" : userAgent.replace('"', '\''), refusals);
        if (pending.size() > 10_000) {
            pending.clear();
        }
        return true;
    }
}

package dev.fivenines.auth.clients;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.fivenines.auth.storage.StoredClient;

/**
 * The token endpoint's clients, from memory: a grant reads no storage when its client was looked up lately.
 *
 * <ul>
 * <li>A lookup (of a client that exists, or of one that does not) is kept. Older than {@code refreshAfter}, it is read
 * again in the background while the kept answer keeps serving; older than {@code expireAfter}, the next grant reads it
 * again before answering. So a client deleted, or a secret replaced, on another replica or in another region stops
 * working here within {@code expireAfter} (plus the global table's replication, usually under a second).</li>
 * <li>On the replica that makes the change, at once: the admin API calls {@link #invalidate}.</li>
 * <li>When storage fails, a kept answer younger than {@code maxAge} keeps serving (known clients keep getting tokens
 * through a storage outage, as decisions keep their models); with no kept answer, or an older one, the failure is
 * the caller's.</li>
 * <li>At most {@code maxEntries} lookups are held; beyond that the least used go (Caffeine's W-TinyLFU, which admits
 * a new entry only over one used less, so a spray of made-up client ids does not push out the clients in use).</li>
 * </ul>
 */
public final class ClientCache {

    /** A lookup kept: the client, or its absence, when it was read, and whether a background read is under way. */
    private record Entry(Optional<StoredClient> client, Instant readAt, AtomicBoolean refreshing) {
    }

    private record Key(String tenant, String clientId) {
    }

    private final BiFunction<String, String, Optional<StoredClient>> storage;
    private final ClientCacheSettings settings;
    private final Clock clock;
    private final Executor background;
    private final Cache<Key, Entry> cache;
    private final ConcurrentMap<Key, Entry> entries;

    public ClientCache(BiFunction<String, String, Optional<StoredClient>> storage, ClientCacheSettings settings, Clock clock,
            Executor background) {
        this.storage = storage;
        this.settings = settings;
        this.clock = clock;
        this.background = background;
        this.cache = Caffeine.newBuilder().maximumSize(settings.maxEntries()).executor(Runnable::run).build();
        this.entries = cache.asMap();
    }

    /** The client {@code clientId} of {@code tenant}, or empty when it does not exist; storage's failure when it cannot tell. */
    public Optional<StoredClient> client(String tenant, String clientId) {
        Key key = new Key(tenant, clientId);
        Entry entry = entries.get(key);
        if (entry == null) {
            return read(key, null).client();
        }
        Duration age = Duration.between(entry.readAt(), clock.instant());
        if (age.compareTo(settings.expireAfter()) >= 0) {
            try {
                return read(key, entry).client();
            } catch (RuntimeException e) {
                if (age.compareTo(settings.maxAge()) < 0) {
                    return entry.client();
                }
                throw e;
            }
        }
        if (age.compareTo(settings.refreshAfter()) >= 0 && entry.refreshing().compareAndSet(false, true)) {
            refreshInBackground(key, entry);
        }
        return entry.client();
    }

    /**
     * Whether {@link #client} would answer from memory right now, reading no storage (it may still start a background
     * read): so a grant can be answered where blocking is not allowed.
     */
    public boolean inMemory(String tenant, String clientId) {
        Entry entry = entries.get(new Key(tenant, clientId));
        return entry != null && Duration.between(entry.readAt(), clock.instant()).compareTo(settings.expireAfter()) < 0;
    }

    /** A client was created, changed or deleted through this replica: its next grant reads storage. */
    public void invalidate(String tenant, String clientId) {
        entries.remove(new Key(tenant, clientId));
    }

    /** A tenant was retired: its clients go from memory. */
    public void forget(String tenant) {
        entries.keySet().removeIf(key -> key.tenant().equals(tenant));
    }

    /** How many lookups are held, after pending evictions ran. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private void refreshInBackground(Key key, Entry entry) {
        try {
            background.execute(() -> {
                try {
                    read(key, entry);
                } catch (RuntimeException e) {
                    // the kept answer serves on; the next grant past refreshAfter tries again
                    entry.refreshing().set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            entry.refreshing().set(false);
        }
    }

    private Entry read(Key key, Entry previous) {
        Entry fresh = new Entry(storage.apply(key.tenant(), key.clientId()), clock.instant(), new AtomicBoolean(false));
        if (previous == null) {
            Entry raced = entries.putIfAbsent(key, fresh);
            return raced == null ? fresh : raced;
        }
        // an invalidation while this read was under way wins: the entry is gone and this read does not restore it
        entries.replace(key, previous, fresh);
        return fresh;
    }
}

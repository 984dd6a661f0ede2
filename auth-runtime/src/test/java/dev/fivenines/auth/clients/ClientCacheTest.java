package dev.fivenines.auth.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.fivenines.auth.storage.StoredClient;
import dev.fivenines.testing.MutableClock;

class ClientCacheTest {

    private final MutableClock now = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    /** What storage holds, as another replica's writes leave it. */
    private final Map<String, StoredClient> stored = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final List<Runnable> backgroundTasks = new ArrayList<>();
    private volatile boolean storageDown;

    private Optional<StoredClient> read(String tenant, String clientId) {
        if (storageDown) {
            throw new IllegalStateException("connection refused");
        }
        reads.incrementAndGet();
        return Optional.ofNullable(stored.get(tenant + "/" + clientId));
    }

    private ClientCache cache() {
        return new ClientCache(this::read, new ClientCacheSettings(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofMinutes(5), 1_000),
                now, backgroundTasks::add);
    }

    private void runBackground() {
        List<Runnable> tasks = List.copyOf(backgroundTasks);
        backgroundTasks.clear();
        tasks.forEach(Runnable::run);
    }

    private static StoredClient client(String secretHash) {
        return new StoredClient("billing", secretHash, Set.of("invoices"), 1);
    }

    @Test
    void aClientInUseIsReadOnceThenAnsweredFromMemory() {
        stored.put("acme/billing", client("h1"));
        ClientCache cache = cache();

        for (int i = 0; i < 100; i++) {
            assertThat(cache.client("acme", "billing")).contains(client("h1"));
        }
        assertThat(reads).hasValue(1);
        assertThat(backgroundTasks).isEmpty();
    }

    @Test
    void pastRefreshAfterTheKeptAnswerServesWhileOneBackgroundReadFetchesTheChange() {
        stored.put("acme/billing", client("h1"));
        ClientCache cache = cache();
        cache.client("acme", "billing");
        stored.put("acme/billing", client("h2"));

        now.advance(Duration.ofSeconds(6));
        assertThat(cache.client("acme", "billing")).contains(client("h1"));
        assertThat(cache.client("acme", "billing")).contains(client("h1"));
        assertThat(backgroundTasks).as("one background read, not one per grant").hasSize(1);
        runBackground();

        assertThat(cache.client("acme", "billing")).contains(client("h2"));
        assertThat(reads).hasValue(2);
    }

    @Test
    void aDeletedClientOrReplacedSecretElsewhereStopsWorkingWithinExpireAfterEvenWithoutTrafficInBetween() {
        stored.put("acme/billing", client("h1"));
        stored.put("acme/ci", new StoredClient("ci", "c1", Set.of(), 1));
        ClientCache cache = cache();
        cache.client("acme", "billing");
        cache.client("acme", "ci");
        stored.put("acme/billing", client("h2"));
        stored.remove("acme/ci");

        now.advance(Duration.ofSeconds(15));
        assertThat(cache.client("acme", "billing")).as("replaced secret").contains(client("h2"));
        assertThat(cache.client("acme", "ci")).as("deleted").isEmpty();
        assertThat(backgroundTasks).as("read before answering, not behind").isEmpty();
    }

    @Test
    void anUnknownClientIsKeptAsUnknownSoRepeatedGuessesReadStorageOnce() {
        ClientCache cache = cache();
        for (int i = 0; i < 50; i++) {
            assertThat(cache.client("acme", "made-up")).isEmpty();
        }
        assertThat(reads).hasValue(1);
    }

    @Test
    void throughAStorageOutageKnownClientsKeepServingUntilMaxAgeThenTheFailureIsTheCallers() {
        stored.put("acme/billing", client("h1"));
        ClientCache cache = cache();
        cache.client("acme", "billing");
        storageDown = true;

        now.advance(Duration.ofSeconds(6));
        assertThat(cache.client("acme", "billing")).contains(client("h1"));
        runBackground();
        now.advance(Duration.ofMinutes(4));
        assertThat(cache.client("acme", "billing")).as("past expireAfter, storage down: the kept answer").contains(client("h1"));

        now.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> cache.client("acme", "billing")).hasMessage("connection refused");
        assertThatThrownBy(() -> cache.client("acme", "never-seen")).as("nothing kept").hasMessage("connection refused");

        storageDown = false;
        assertThat(cache.client("acme", "billing")).contains(client("h1"));
    }

    @Test
    void aFailedBackgroundReadIsTriedAgainByTheNextGrant() {
        stored.put("acme/billing", client("h1"));
        ClientCache cache = cache();
        cache.client("acme", "billing");
        now.advance(Duration.ofSeconds(6));
        storageDown = true;
        cache.client("acme", "billing");
        runBackground();
        storageDown = false;

        cache.client("acme", "billing");
        assertThat(backgroundTasks).hasSize(1);
    }

    @Test
    void invalidateMakesTheNextGrantReadAndForgetDropsATenant() {
        stored.put("acme/billing", client("h1"));
        stored.put("globex/billing", client("g1"));
        ClientCache cache = cache();
        cache.client("acme", "billing");
        cache.client("globex", "billing");
        stored.put("acme/billing", client("h2"));

        cache.invalidate("acme", "billing");
        assertThat(cache.client("acme", "billing")).contains(client("h2"));

        cache.forget("acme");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void atMostMaxEntriesLookupsAreHeld() {
        ClientCache cache = new ClientCache(this::read, new ClientCacheSettings(Duration.ofSeconds(5), Duration.ofSeconds(15),
                Duration.ofMinutes(5), 100), now, backgroundTasks::add);
        for (int i = 0; i < 5_000; i++) {
            cache.client("acme", "guess-" + i);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void settingsThatContradictEachOtherAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new ClientCacheSettings(Duration.ofSeconds(20), Duration.ofSeconds(15), Duration.ofMinutes(5), 10))
                .hasMessageContaining("fivenines.clients.refresh-after");
        assertThatThrownBy(() -> new ClientCacheSettings(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(10), 10))
                .hasMessageContaining("fivenines.clients.max-age");
        assertThatThrownBy(() -> new ClientCacheSettings(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofMinutes(5), 0))
                .hasMessageContaining("fivenines.clients.max-in-memory");
    }
}

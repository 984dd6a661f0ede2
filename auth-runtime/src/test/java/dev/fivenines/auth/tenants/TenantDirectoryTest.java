package dev.fivenines.auth.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.fivenines.auth.storage.StorageUnavailable;
import dev.fivenines.auth.storage.TenantRecord;

class TenantDirectoryTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Set<String> provisioned = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile boolean storageDown;

    private final Function<String, Optional<TenantRecord>> reader = tenant -> {
        reads.incrementAndGet();
        if (storageDown) {
            throw new StorageUnavailable("no storage region could serve GetItem", false, null);
        }
        return provisioned.contains(tenant)
                ? Optional.of(new TenantRecord(tenant, TenantRecord.Status.ACTIVE, Instant.EPOCH, Optional.empty(), 1))
                : Optional.empty();
    };

    private TenantDirectory directory(int lookupsPerSecond) {
        return new TenantDirectory(reader, 100, Duration.ofSeconds(30), Duration.ofSeconds(5), lookupsPerSecond, nanos::get, Runnable::run);
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void aProvisionedTenantIsReadOnceAndThenServedFromMemory() {
        provisioned.add("acme");
        TenantDirectory directory = directory(10);
        directory.require("acme");
        directory.require("acme");
        directory.require("acme");
        assertThat(reads).hasValue(1);
        assertThat(directory.inMemory("acme")).isEqualTo(TenantDirectory.Presence.KNOWN);
    }

    @Test
    void anUnknownIdIsRefusedFromMemoryUntilItsShortStayEnds() {
        TenantDirectory directory = directory(10);
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> directory.require("made-up")).isInstanceOf(TenantDirectory.NotFound.class);
        }
        assertThat(reads).as("one read, then memory").hasValue(1);
        provisioned.add("made-up");
        advance(Duration.ofSeconds(6));
        directory.require("made-up");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aFloodOfDistinctMadeUpIdsCostsAtMostTheLookupBudgetInReads() {
        TenantDirectory directory = directory(20);
        int notFound = 0;
        int busy = 0;
        for (int i = 0; i < 5_000; i++) {
            try {
                directory.require("made-up-" + i);
            } catch (TenantDirectory.NotFound e) {
                notFound++;
            } catch (TenantDirectory.LookupsBusy e) {
                busy++;
            }
            if (i % 1_000 == 999) {
                advance(Duration.ofSeconds(1));
            }
        }
        assertThat(reads).as("5 seconds of flood, 20 lookups a second").hasValue(100);
        assertThat(notFound).isEqualTo(100);
        assertThat(busy).isEqualTo(4_900);
    }

    @Test
    void memoryStaysBoundedHoweverManyIdsAreAskedFor() {
        TenantDirectory directory = directory(1_000_000);
        for (int i = 0; i < 25_000; i++) {
            try {
                directory.require("made-up-" + i);
            } catch (TenantDirectory.NotFound expected) {
                // every one of them is unknown
            }
        }
        assertThat(directory.unknownInMemory()).isLessThanOrEqualTo(TenantDirectory.MAX_UNKNOWN);
        assertThat(directory.knownInMemory()).isZero();
    }

    @Test
    void aRetirementMadeElsewhereIsSeenAtTheNextRefresh() {
        provisioned.add("acme");
        TenantDirectory directory = directory(10);
        directory.require("acme");
        provisioned.remove("acme");
        advance(Duration.ofSeconds(31));
        directory.inMemory("acme"); // the first look after the refresh interval starts the refresh
        assertThat(reads).hasValue(2);
        assertThatThrownBy(() -> directory.require("acme")).isInstanceOf(TenantDirectory.NotFound.class);
    }

    @Test
    void aRefreshThatFailsKeepsTheTenantServed() {
        provisioned.add("acme");
        TenantDirectory directory = directory(10);
        directory.require("acme");
        storageDown = true;
        advance(Duration.ofSeconds(31));
        directory.require("acme");
        directory.require("acme");
        assertThat(directory.inMemory("acme")).isEqualTo(TenantDirectory.Presence.KNOWN);
    }

    @Test
    void anIdNotInMemoryWhileStorageIsDownIsNeitherServedNorRememberedAsUnknown() {
        TenantDirectory directory = directory(10);
        storageDown = true;
        assertThatThrownBy(() -> directory.require("acme")).isInstanceOf(StorageUnavailable.class);
        assertThat(directory.inMemory("acme")).isEqualTo(TenantDirectory.Presence.NOT_IN_MEMORY);
        storageDown = false;
        provisioned.add("acme");
        directory.require("acme");
    }

    @Test
    void provisioningAndRetiringOnThisReplicaTakeEffectAtOnce() {
        TenantDirectory directory = directory(10);
        assertThatThrownBy(() -> directory.require("newco")).isInstanceOf(TenantDirectory.NotFound.class);
        directory.provisioned("newco");
        directory.require("newco");
        directory.retired("newco");
        assertThatThrownBy(() -> directory.require("newco")).isInstanceOf(TenantDirectory.NotFound.class);
        assertThat(reads).hasValue(1);
    }
}

package dev.fivenines.auth.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Threads racing on one window (the clock does not move): the number admitted is exactly the limit, not about it.
 */
class RateLimiterConcurrencyTest {

    private static final int THREADS = 4;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private long admittedByAll(RateLimiter limiter, int perThread, IntFunction<String> clientOfThread) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<Long>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String client = clientOfThread.apply(t);
            Callable<Long> hammer = () -> {
                start.await(10, TimeUnit.SECONDS);
                long admitted = 0;
                for (int i = 0; i < perThread; i++) {
                    if (limiter.admit("acme", client).admitted()) {
                        admitted++;
                    }
                }
                return admitted;
            };
            results.add(pool.submit(hammer));
        }
        long total = 0;
        for (Future<Long> result : results) {
            total += result.get(60, TimeUnit.SECONDS);
        }
        return total;
    }

    @Test
    void threadsOnOneClientGetExactlyTheLimitInAWindow() throws Exception {
        for (int round = 0; round < 20; round++) {
            RateLimiter limiter = new RateLimiter(LimitSettings.defaults(), new ManualNanoTime());

            long admitted = admittedByAll(limiter, 20_000, t -> "app");

            assertThat(admitted).isEqualTo(2000);
            assertThat(limiter.blockedCount()).isEqualTo(THREADS * 20_000L - 2000);
            assertThat(limiter.milestoneCount(1000)).as("reported once, not once per thread").isEqualTo(1);
        }
    }

    @Test
    void threadsOnClientsOfOneTenantGetExactlyTheTenantLimitInAWindow() throws Exception {
        for (int round = 0; round < 20; round++) {
            RateLimiter limiter = new RateLimiter(LimitSettings.defaults().withTenantBlockRps(3000), new ManualNanoTime());

            long admitted = admittedByAll(limiter, 20_000, t -> "client" + t);

            assertThat(admitted).isEqualTo(3000);
        }
    }

    @Test
    void anAdmitRacingTheEvictionOfItsClientIsCountedInTheClientsNewEntry() throws Exception {
        ManualNanoTime time = new ManualNanoTime();
        RateLimiter limiter = new RateLimiter(LimitSettings.defaults(), time);
        AtomicLong evicted = new AtomicLong();
        Future<?> sweeper = pool.submit(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                evicted.addAndGet(limiter.sweep());
            }
        });
        int hammers = THREADS - 1;
        for (int round = 0; round < 200; round++) {
            // every entry is now idle, so the sweeper races the first requests of the round for it
            time.advance(Duration.ofMinutes(3));
            CyclicBarrier start = new CyclicBarrier(hammers);
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < hammers; t++) {
                String client = "client" + t;
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    long admitted = 0;
                    for (int i = 0; i < 3000; i++) {
                        if (limiter.admit("acme", client).admitted()) {
                            admitted++;
                        }
                    }
                    return admitted;
                }));
            }
            for (Future<Long> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).as("round %d: a count lost into an evicted entry would let more through", round)
                        .isEqualTo(2000);
            }
        }
        sweeper.cancel(true);

        assertThat(evicted.get()).as("the sweeper did evict entries while they were in use").isPositive();
        assertThat(limiter.trackedClients()).isEqualTo(hammers);
        assertThat(limiter.milestoneCount(100)).as("each round is a new milestone window, so each client reports 100 once in it")
                .isEqualTo(200L * hammers);
    }
}

package dev.fivenines.auth.benchmarks;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.fivenines.auth.limits.Admission;
import dev.fivenines.auth.limits.LimitSettings;
import dev.fivenines.auth.limits.RateLimiter;

/**
 * {@code RateLimiter.admit} on the real clock over 10,000 clients of 100 tenants, all registered beforehand.
 * {@code clientBlockRps} 1,000,000 measures the admitted path (nothing is blocked; milestones still fire);
 * 2,000 (the default) at this request rate blocks most requests, which measures the blocked path too.
 * Run with {@code -t 1} and {@code -t 2}.
 */
@State(Scope.Benchmark)
public class RateLimiterBenchmark {

    private static final int CLIENTS = 10_000;
    private static final int TENANTS = 100;

    @Param({"1000000", "2000"})
    public int clientBlockRps;

    private RateLimiter limiter;
    private final String[] tenants = new String[CLIENTS];
    private final String[] clients = new String[CLIENTS];

    @Setup
    public void build() {
        limiter = new RateLimiter(LimitSettings.defaults().withClientBlockRps(clientBlockRps));
        for (int i = 0; i < CLIENTS; i++) {
            tenants[i] = "tenant" + (i % TENANTS);
            clients[i] = "client" + i;
            limiter.admit(tenants[i], clients[i]);
        }
    }

    /** Each thread walks the clients from its own starting point. */
    @State(Scope.Thread)
    public static class Cursor {
        int next = ThreadLocalRandom.current().nextInt(CLIENTS);

        int advance() {
            int current = next;
            next = current + 1 == CLIENTS ? 0 : current + 1;
            return current;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Admission admitThroughput(Cursor cursor) {
        int i = cursor.advance();
        return limiter.admit(tenants[i], clients[i]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Admission admitLatency(Cursor cursor) {
        int i = cursor.advance();
        return limiter.admit(tenants[i], clients[i]);
    }
}

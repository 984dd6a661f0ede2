package dev.fivenines.auth.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends requests open-loop at a fixed rate for a fixed time and measures each one's latency from its scheduled
 * send time, so a stall shows as latency rather than as fewer requests (no coordinated omission).
 */
final class OpenLoop {

    record Result(String label, int sent, double seconds, long[] sortedLatencies, Map<Integer, Long> statuses, long failures) {

        double ms(double quantile) {
            return sortedLatencies[(int) Math.min(sortedLatencies.length - 1, Math.floor(quantile * sortedLatencies.length))] / 1e6;
        }

        void print() {
            System.out.printf("%s: %d requests in %.1f s (%.0f/s), statuses %s, %d transport failures%n", label, sent, seconds, sent / seconds,
                    statuses, failures);
            System.out.printf("%s: latency from scheduled send: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n", label,
                    ms(0.50), ms(0.90), ms(0.99), ms(0.999), sortedLatencies[sortedLatencies.length - 1] / 1e6);
        }
    }

    private OpenLoop() {
    }

    static Result run(String label, HttpClient http, HttpRequest[] requests, int rate, int seconds, int inFlight) throws InterruptedException {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger done = new AtomicInteger();
        LongAdder failures = new LongAdder();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(inFlight);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + (long) (i * (1e9 / rate));
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            slots.acquire();
            int index = i;
            http.sendAsync(requests[i % requests.length], HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                latencies[index] = System.nanoTime() - scheduled;
                if (failure != null) {
                    failures.increment();
                } else {
                    statuses.computeIfAbsent(response.statusCode(), s -> new LongAdder()).increment();
                }
                done.incrementAndGet();
                slots.release();
            });
        }
        slots.acquire(inFlight);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        Map<Integer, Long> counted = new TreeMap<>();
        statuses.forEach((status, count) -> counted.put(status, count.sum()));
        return new Result(label, done.get(), elapsed, latencies, counted, failures.sum());
    }
}

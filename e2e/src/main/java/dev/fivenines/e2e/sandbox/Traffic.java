package dev.fivenines.e2e.sandbox;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Decision and token traffic, as a tenant's clients send it while a drill runs: about {@value #PER_SECOND} requests a
 * second from one thread (the sandbox shares two cores with what it drills), three decisions to one token grant. The
 * grants are of a client kept in storage, so each reads DynamoDB; the decisions carry the bootstrap admin's token. Each
 * request goes to the deployment {@code route} names at that moment (a fixed one, or the one Route 53 answers with).
 * It counts what was answered, what failed and when, and which deployment answered.
 */
public final class Traffic implements AutoCloseable {

    static final int PER_SECOND = 40;
    private static final String DECISION = "{\"subject\":\"user:alice\",\"permission\":\"documents:read\",\"resource\":\"/documents/q3\"}";

    private final Sandbox sandbox;
    private final Supplier<String> route;
    private final Thread thread;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong denied = new AtomicLong();
    private final AtomicReference<Instant> firstFailure = new AtomicReference<>();
    private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
    private final AtomicReference<String> lastProblem = new AtomicReference<>("");
    private final Map<String, AtomicLong> byDeployment = new ConcurrentHashMap<>();
    private final List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running = true;
    private volatile String token;

    private Traffic(Sandbox sandbox, Supplier<String> route) {
        this.sandbox = sandbox;
        this.route = route;
        this.thread = new Thread(this::loop, "drill-traffic");
        this.thread.setDaemon(true);
    }

    /** Starts sending; {@code route} names the deployment each request goes to. */
    public static Traffic start(Sandbox sandbox, Supplier<String> route) {
        Traffic traffic = new Traffic(sandbox, route);
        traffic.thread.start();
        return traffic;
    }

    private void loop() {
        long n = 0;
        long pause = 1_000_000_000L / PER_SECOND;
        long next = System.nanoTime();
        while (running) {
            String deployment = route.get();
            boolean grant = token == null || n % 4 == 3;
            long start = System.nanoTime();
            try {
                HttpResponse<String> answer = grant ? grant(deployment) : decide(deployment);
                if (answer.statusCode() == 200) {
                    answered.incrementAndGet();
                    byDeployment.computeIfAbsent(deployment, d -> new AtomicLong()).incrementAndGet();
                    latenciesMicros.add((System.nanoTime() - start) / 1000);
                    if (grant && token == null) {
                        token = answer.body().replaceAll(".*\"access_token\":\"([^\"]*)\".*", "$1");
                    } else if (!grant && !answer.body().contains("\"allowed\":true")) {
                        denied.incrementAndGet();
                    }
                } else {
                    failure(deployment + " answered HTTP " + answer.statusCode() + " to a " + (grant ? "token grant" : "decision"));
                }
            } catch (Exception e) {
                failure(deployment + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
            }
            n++;
            next += pause;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.nanoTime();
            }
        }
    }

    private HttpResponse<String> grant(String deployment) throws Exception {
        boolean admin = token == null;
        String form = "grant_type=client_credentials&client_id=" + (admin ? "admin" : sandbox.client()) + "&client_secret="
                + URLEncoder.encode(admin ? sandbox.secret() : sandbox.clientSecret(), StandardCharsets.UTF_8);
        return sandbox.http().send(HttpRequest.newBuilder(URI.create("http://" + sandbox.door(deployment) + "/tenants/" + sandbox.tenant()
                + "/oauth2/token")).timeout(Duration.ofSeconds(3)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> decide(String deployment) throws Exception {
        return sandbox.http().send(HttpRequest.newBuilder(URI.create("http://" + sandbox.door(deployment) + "/tenants/" + sandbox.tenant()
                + "/authorize")).timeout(Duration.ofSeconds(3)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(DECISION)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void failure(String problem) {
        Instant now = Instant.now();
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, now);
        lastFailure.set(now);
        lastProblem.set(problem);
    }

    public long answered() {
        return answered.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Decisions answered 200 but not allowed (the access record says alice may read): wrong answers. */
    public long wrong() {
        return denied.get();
    }

    public Map<String, Long> answeredBy() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        byDeployment.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** The span from the first failed request to the last one (zero when none failed). */
    public Duration failingFor() {
        Instant first = firstFailure.get();
        return first == null ? Duration.ZERO : Duration.between(first, lastFailure.get());
    }

    public String lastProblem() {
        return lastProblem.get();
    }

    /** The 99th percentile of answered requests' latency, in milliseconds. */
    public double p99Millis() {
        List<Long> sorted;
        synchronized (latenciesMicros) {
            sorted = new ArrayList<>(latenciesMicros);
        }
        if (sorted.isEmpty()) {
            return 0;
        }
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1000.0;
    }

    public String summary() {
        long total = answered() + failed();
        return String.format("%d requests, %d answered (%.2f %%), %d failed%s; p99 %.1f ms; answered by %s", total, answered(),
                total == 0 ? 0.0 : 100.0 * answered() / total, failed(),
                failed() == 0 ? "" : " over " + failingFor().toMillis() / 1000.0 + " s (last: " + lastProblem() + ")", p99Millis(), answeredBy());
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

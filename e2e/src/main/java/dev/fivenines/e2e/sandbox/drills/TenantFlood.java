package dev.fivenines.e2e.sandbox.drills;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import dev.fivenines.e2e.sandbox.Drill;
import dev.fivenines.e2e.sandbox.Sandbox;
import dev.fivenines.e2e.sandbox.Traffic;

/**
 * One tenant's client sends far above its limit: it gets 429s, and another tenant's traffic on the same runtime keeps
 * being answered with its latency near what it was.
 */
public final class TenantFlood implements Drill {

    static final String RUNTIME = RegionStorageDown.EDGE;
    static final String FLOODER = "globex";
    static final String ADMIN = "globex-admin";
    static final int LIMIT = 50;
    static final int FLOOD_THREADS = 2;
    static final String DECISION = "{\"subject\":\"user:bob\",\"permission\":\"documents:read\",\"resource\":\"/documents/q3\"}";

    @Override
    public String name() {
        return "tenant-flood";
    }

    @Override
    public String breaks() {
        return "floods " + RUNTIME + " with decisions from one client of tenant " + FLOODER + " (limit " + LIMIT + " requests/s, set by "
                + "e2e/bin/run): it gets 429s, while tenant acme's traffic on the same runtime keeps being answered, its latency holding";
    }

    @Override
    public Report run(Sandbox sandbox) throws Exception {
        Report report = new Report(name());
        String token = token(sandbox, secret(sandbox, report));

        Traffic baseline = Traffic.start(sandbox, () -> RUNTIME);
        Thread.sleep(10000);
        baseline.close();
        report.saw("acme before the flood: " + baseline.summary());

        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        AtomicLong limited = new AtomicLong();
        AtomicLong other = new AtomicLong();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest decision = HttpRequest.newBuilder(URI.create("http://" + sandbox.door(RUNTIME) + "/tenants/" + FLOODER + "/authorize"))
                .timeout(Duration.ofSeconds(3)).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(DECISION)).build();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < FLOOD_THREADS; i++) {
            Thread thread = new Thread(() -> {
                while (flooding.get()) {
                    try {
                        int status = client.send(decision, HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status == 429 ? limited : other).incrementAndGet();
                    } catch (Exception e) {
                        other.incrementAndGet();
                    }
                    sent.incrementAndGet();
                }
            }, "flood-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        Traffic during;
        long started = System.nanoTime();
        try {
            Thread.sleep(2000);
            during = Traffic.start(sandbox, () -> RUNTIME);
            Thread.sleep(15000);
            during.close();
        } finally {
            flooding.set(false);
            for (Thread thread : threads) {
                thread.join(5000);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        report.saw("acme during the flood: " + during.summary());
        report.figure("flood", String.format("%d requests in %.0f s (%.0f/s), %d answered 429 (%.1f %%)", sent.get(), seconds,
                sent.get() / seconds, limited.get(), 100.0 * limited.get() / Math.max(1, sent.get())));
        report.figure("acme p99", String.format("%.1f ms before, %.1f ms during", baseline.p99Millis(), during.p99Millis()));
        report.figure("acme requests failed", during.failed() + " of " + (during.answered() + during.failed()));
        report.expect(sent.get() / seconds > 2.0 * LIMIT, "the flood ran above twice the limit (" + Math.round(sent.get() / seconds) + "/s)");
        report.expect(limited.get() > 0 && limited.get() >= (sent.get() - (long) (LIMIT * seconds * 1.5)) / 2,
                "the flooding client got 429s for at least half of what it sent over its limit");
        report.expect(during.failed() == 0, "no acme request failed during the flood (" + during.lastProblem() + ")");
        report.expect(during.p99Millis() <= 3 * baseline.p99Millis() + 50, "acme's p99 held within 3 x its baseline + 50 ms");
        return report;
    }

    /** The flooding tenant's admin secret: created through the platform API the first time, kept in the sandbox's state. */
    private static String secret(Sandbox sandbox, Report report) throws Exception {
        Path kept = sandbox.state().resolve("tenant-" + FLOODER + ".secret");
        if (Files.exists(kept)) {
            return Files.readString(kept).trim();
        }
        HttpResponse<String> created = sandbox.http().send(HttpRequest.newBuilder(URI.create("http://" + sandbox.door(RUNTIME)
                + "/platform/tenants")).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + sandbox.platformCredential())
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + FLOODER + "\",\"adminClientId\":\"" + ADMIN + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("The platform API did not create tenant " + FLOODER + ": HTTP " + created.statusCode() + " "
                    + created.body() + (created.statusCode() == 409 ? " (it exists, and its admin secret is not in " + kept
                            + "; restart the sandbox)" : ""));
        }
        JsonNode body = Sandbox.JSON.readTree(created.body());
        String secret = body.path("adminClient").path("clientSecret").asText();
        Files.writeString(kept, secret);
        report.saw("tenant " + FLOODER + " created through the platform API (its admin secret kept in " + kept + ")");
        return secret;
    }

    private static String token(Sandbox sandbox, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + ADMIN + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpResponse<String> answer = sandbox.http().send(HttpRequest.newBuilder(URI.create("http://" + sandbox.door(RUNTIME) + "/tenants/"
                + FLOODER + "/oauth2/token")).timeout(Duration.ofSeconds(5)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("No token for tenant " + FLOODER + "'s admin: HTTP " + answer.statusCode() + " " + answer.body());
        }
        return Sandbox.JSON.readTree(answer.body()).path("access_token").asText();
    }
}

package dev.fivenines.auth.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.fivenines.testing.aws.LocalCloud;

/**
 * Load test of the HTTP decision endpoint: starts DynamoDB Local and the runtime (its built jar) on
 * 127.0.0.1, seeds a tenant with 1,000 access records, then sends {@code POST /tenants/acme/authorize}
 * open-loop at a fixed rate for a fixed time, and reports throughput and latency measured from each
 * request's scheduled send time, so a stall shows as latency rather than as fewer requests.
 *
 * <p>Arguments: rate in requests/s (default 2000), seconds (default 30), most requests in flight (default 64).
 * Run from the repository root after {@code ./mvnw -B -pl auth-runtime,auth-runtime-benchmarks -am package -DskipTests}.
 */
public final class DecisionLoadTest {

    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private DecisionLoadTest() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Path jar = Path.of("auth-runtime/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the runtime first: ./mvnw -B -pl auth-runtime -am package -DskipTests");
        }
        try (LocalCloud cloud = LocalCloud.builder().regions(List.of("us-east-1")).route53(false).start()) {
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                    "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(Path.of("load-test-runtime.log").toFile());
            builder.environment().putAll(Map.of(
                    "FIVENINES_STORAGE_ENDPOINT", cloud.dynamoDbEndpoint("us-east-1").toString(),
                    "FIVENINES_STORAGE_CREATE_TABLES", "true",
                    "FIVENINES_ADMIN_BOOTSTRAP_SECRETS_ACME", "load-test-secret",
                    "AWS_ACCESS_KEY_ID", LocalCloud.ACCESS_KEY_ID,
                    "AWS_SECRET_ACCESS_KEY", LocalCloud.SECRET_ACCESS_KEY));
            Process runtime = builder.start();
            try {
                String base = "http://127.0.0.1:" + port;
                awaitUp(base);
                String token = seed(base);
                System.out.println("warming up: 15 s at half the rate, not measured");
                run(base, token, rate / 2, 15, inFlight);
                run(base, token, rate, seconds, inFlight);
            } finally {
                runtime.destroy();
                runtime.waitFor(30, TimeUnit.SECONDS);
            }
        }
        System.exit(0);
    }

    private static String seed(String base) throws IOException, InterruptedException {
        String admin = token(base);
        send(base, "PUT", "/tenants/acme/admin/roles/reader", admin, "{\"permissions\":[\"documents:read\"],\"version\":0}");
        for (int i = 0; i < 1000; i++) {
            send(base, "PUT", "/tenants/acme/admin/access-records/r" + i, admin,
                    "{\"subject\":\"user:u" + i + "\",\"role\":\"reader\",\"resource\":\"/documents/f" + (i % 100) + "\",\"version\":0}");
        }
        return admin;
    }

    private static void run(String base, String token, int rate, int seconds, int inFlight) throws InterruptedException {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger done = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        Semaphore slots = new Semaphore(inFlight);
        HttpRequest[] requests = new HttpRequest[256];
        for (int i = 0; i < requests.length; i++) {
            String body = "{\"subject\":\"user:u" + (i * 7 % 1000) + "\",\"permission\":\"documents:read\",\"resource\":\"/documents/f"
                    + (i % 100) + "/doc" + i + "\"}";
            requests[i] = HttpRequest.newBuilder(URI.create(base + "/tenants/acme/authorize")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }
        System.out.printf("sending %d requests/s for %d s, at most %d in flight%n", rate, seconds, inFlight);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + (long) (i * (1e9 / rate));
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            slots.acquire();
            int index = i;
            HTTP.sendAsync(requests[i & 255], HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                latencies[index] = System.nanoTime() - scheduled;
                if (failure != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                }
                done.incrementAndGet();
                slots.release();
            });
        }
        slots.acquire(inFlight);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("%d requests in %.1f s: %.0f requests/s, %d errors%n", done.get(), elapsed, done.get() / elapsed, errors.get());
        System.out.printf("latency from scheduled send: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99), ms(latencies, 0.999), latencies[latencies.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }

    private static String token(String base) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/tenants/acme/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=admin&client_secret=load-test-secret")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("no token: " + response.statusCode() + " " + response.body());
        }
        return token.group(1);
    }

    private static void send(String base, String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static void awaitUp(String base) throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("the runtime did not become ready in 60 s; see load-test-runtime.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

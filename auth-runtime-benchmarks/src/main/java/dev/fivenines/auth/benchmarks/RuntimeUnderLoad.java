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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.fivenines.testing.aws.LocalCloud;

/**
 * The runtime as users run it, for load tests: DynamoDB Local and the runtime's built jar in its own JVM, both on
 * 127.0.0.1, with the given extra environment. Its log goes to {@code load-test-runtime.log}, its GC log to
 * {@code load-test-gc.log}.
 */
final class RuntimeUnderLoad implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final LocalCloud cloud;
    private final Process runtime;
    private final String base;
    private final String management;

    private RuntimeUnderLoad(LocalCloud cloud, Process runtime, String base, String management) {
        this.cloud = cloud;
        this.runtime = runtime;
        this.base = base;
        this.management = management;
    }

    static RuntimeUnderLoad start(Map<String, String> environment) throws IOException, InterruptedException {
        Path jar = Path.of("auth-runtime/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the runtime first: ./mvnw -B -pl auth-runtime -am package -DskipTests");
        }
        LocalCloud cloud = LocalCloud.builder().regions(List.of("us-east-1")).route53(false).start();
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new java.util.ArrayList<>();
        String cpus = System.getenv("FIVENINES_LOAD_RUNTIME_CPUS");
        if (cpus != null && !cpus.isBlank()) {
            // the runtime on its own cores (taskset), the load generator on the others
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.addAll(List.of("java", "-Xmx512m", "-Xlog:gc:file=load-test-gc.log"));
        String jvmArgs = System.getenv("FIVENINES_LOAD_RUNTIME_JVM_ARGS");
        if (jvmArgs != null && !jvmArgs.isBlank()) {
            // for example a flight recording: -XX:StartFlightRecording=filename=grants.jfr,settings=profile
            command.addAll(List.of(jvmArgs.trim().split("\\s+")));
        }
        command.addAll(List.of("-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort, "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("load-test-runtime.log").toFile());
        Map<String, String> env = new HashMap<>(Map.of(
                "FIVENINES_STORAGE_ENDPOINT", cloud.dynamoDbEndpoint("us-east-1").toString(),
                "FIVENINES_STORAGE_CREATE_TABLES", "true",
                "AWS_ACCESS_KEY_ID", LocalCloud.ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", LocalCloud.SECRET_ACCESS_KEY));
        env.putAll(environment);
        builder.environment().putAll(env);
        RuntimeUnderLoad started = new RuntimeUnderLoad(cloud, builder.start(), "http://127.0.0.1:" + port,
                "http://127.0.0.1:" + managementPort);
        try {
            started.awaitUp();
        } catch (RuntimeException | InterruptedException e) {
            started.close();
            throw e;
        }
        return started;
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    String adminToken(String tenant, String secret) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/tenants/" + tenant + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=admin&client_secret=" + secret)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("no token: " + response.statusCode() + " " + response.body());
        }
        return token.group(1);
    }

    void send(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** A tenant with a reader role and {@code records} access records, for decision requests. */
    void seed(String tenant, String token, int records) throws IOException, InterruptedException {
        send("PUT", "/tenants/" + tenant + "/admin/roles/reader", token, "{\"permissions\":[\"documents:read\"],\"version\":0}");
        for (int i = 0; i < records; i++) {
            send("PUT", "/tenants/" + tenant + "/admin/access-records/r" + i, token,
                    "{\"subject\":\"user:u" + i + "\",\"role\":\"reader\",\"resource\":\"/documents/f" + (i % 100) + "\",\"version\":0}");
        }
    }

    /** Decision requests of a seeded tenant, varied over its users and documents. */
    HttpRequest[] decisions(String tenant, String token, int records) {
        List<String> bodies = decisionBodies(records);
        HttpRequest[] requests = new HttpRequest[bodies.size()];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = HttpRequest.newBuilder(uri("/tenants/" + tenant + "/authorize")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build();
        }
        return requests;
    }

    /** 256 decision bodies over a seeded tenant's users and documents. */
    static List<String> decisionBodies(int records) {
        List<String> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 256; i++) {
            bodies.add("{\"subject\":\"user:u" + (i * 7 % records) + "\",\"permission\":\"documents:read\",\"resource\":\"/documents/f"
                    + (i % 100) + "/doc" + i + "\"}");
        }
        return bodies;
    }

    private void awaitUp() throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(management + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("the runtime did not become ready in 60 s; see load-test-runtime.log");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        runtime.destroy();
        runtime.waitFor(30, TimeUnit.SECONDS);
        cloud.close();
    }
}

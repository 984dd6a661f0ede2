package dev.fivenines.auth.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client-credentials grants, the same load against Fivenines and against Keycloak, in one run: the same client (id
 * {@code load}, secret in HTTP Basic), the same 32 keep-alive connections ({@link ClosedLoop}), the same warm-up and
 * measured runs, each server pinned to the cores in {@code FIVENINES_LOAD_RUNTIME_CPUS}. Keycloak runs twice: with an
 * ES256 realm key (like for like with Fivenines' default) and with its RS256 default. Prints one table with each
 * peer's best run and Fivenines' ratio to it.
 *
 * <p>Arguments: the Keycloak home (an unpacked {@code keycloak-quarkus-dist}), a Java 21+ home to run it with,
 * connections (32), seconds per run (20), runs (2), warm-up seconds (20). {@code auth-runtime-benchmarks/bin/peer-benchmark}
 * fetches Keycloak and calls this. Where Keycloak cannot be had, pass {@code -} as its home: the rest runs.
 */
public final class PeerBenchmark {

    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final String ADMIN_PASSWORD = "peer-benchmark-admin";

    private PeerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String keycloakHome = args.length > 0 ? args[0] : "-";
        String javaHome = args.length > 1 ? args[1] : System.getProperty("java.home");
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int warmUp = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        List<String[]> rows = new ArrayList<>();

        ClosedLoop.Result fivenines;
        try (RuntimeUnderLoad runtime = RuntimeUnderLoad.start(Map.of("FIVENINES_ADMIN_BOOTSTRAP_SECRETS_ACME", "load-test-secret",
                "FIVENINES_LIMITS_CLIENT_BLOCK_RPS", "1000000"))) {
            String admin = runtime.adminToken("acme", "load-test-secret");
            fivenines = best(HttpLoadTest.measure("Fivenines ES256", List.of(HttpLoadTest.grant(runtime, admin)), connections, seconds, runs,
                    warmUp));
        }
        rows.add(row("Fivenines (ES256, native provider)", fivenines, fivenines));

        if ("-".equals(keycloakHome) || !Files.isExecutable(Path.of(keycloakHome, "bin", "kc.sh"))) {
            rows.add(new String[] { "Keycloak", "not run: no Keycloak home given (auth-runtime-benchmarks/bin/peer-benchmark fetches it)",
                    "", "", "", "" });
        } else {
            try (Keycloak keycloak = Keycloak.start(Path.of(keycloakHome), Path.of(javaHome))) {
                for (String algorithm : List.of("ES256", "RS256")) {
                    ClosedLoop.Target grant = keycloak.client(algorithm);
                    ClosedLoop.Result result = best(HttpLoadTest.measure("Keycloak " + algorithm, List.of(grant), connections, seconds, runs,
                            warmUp));
                    rows.add(row("Keycloak " + keycloak.version() + " (" + algorithm + " realm key)", result, fivenines));
                }
            }
        }
        rows.add(new String[] { "Ory Hydra", "not run: v2.3.0 does not build with the ordinary `go get -tool` (its module's replace "
                + "directives are ignored as a dependency)", "", "", "", "" });

        System.out.println();
        System.out.printf("client-credentials grants, %d keep-alive connections, best of %d runs of %d s after %d s of warm-up; server on cores %s%n",
                connections, runs, seconds, warmUp, System.getenv().getOrDefault("FIVENINES_LOAD_RUNTIME_CPUS", "(not pinned)"));
        System.out.println("| server | grants/s | p50 | p99 | errors | Fivenines ÷ this |");
        System.out.println("|---|---|---|---|---|---|");
        for (String[] row : rows) {
            System.out.println("| " + String.join(" | ", row) + " |");
        }
        System.exit(0);
    }

    private static ClosedLoop.Result best(List<ClosedLoop.Result> results) {
        return results.stream().max((a, b) -> Double.compare(a.throughput(), b.throughput())).orElseThrow();
    }

    private static String[] row(String name, ClosedLoop.Result result, ClosedLoop.Result fivenines) {
        long errors = Math.round(result.requests() * (1 - result.success()));
        return new String[] { name, String.format("%,.0f", result.throughput()), String.format("%.2f ms", result.p50()),
                String.format("%.2f ms", result.p99()), String.format("%,d of %,d", errors, result.requests()),
                String.format("%.1f", fivenines.throughput() / result.throughput()) };
    }

    /** Keycloak in dev mode (embedded database) on 127.0.0.1, with a realm per signing algorithm and the same client in each. */
    static final class Keycloak implements AutoCloseable {

        private final Process process;
        private final String base;
        private final String version;

        private Keycloak(Process process, String base, String version) {
            this.process = process;
            this.base = base;
            this.version = version;
        }

        static Keycloak start(Path home, Path javaHome) throws IOException, InterruptedException {
            int port = RuntimeUnderLoad.freePort();
            List<String> command = new ArrayList<>();
            String cpus = System.getenv("FIVENINES_LOAD_RUNTIME_CPUS");
            if (cpus != null && !cpus.isBlank()) {
                command.addAll(List.of("taskset", "-c", cpus));
            }
            command.addAll(List.of(home.resolve("bin/kc.sh").toString(), "start-dev", "--http-host=127.0.0.1", "--http-port=" + port));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Path.of("peer-keycloak.log").toFile());
            builder.environment().put("JAVA_HOME", javaHome.toString());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            String version = Files.list(home.resolve("lib/lib/main")).map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("org.keycloak.keycloak-core-")).findFirst()
                    .map(n -> n.substring("org.keycloak.keycloak-core-".length(), n.length() - ".jar".length())).orElse("?");
            Keycloak keycloak = new Keycloak(builder.start(), "http://127.0.0.1:" + port, version);
            try {
                keycloak.awaitUp();
            } catch (RuntimeException | InterruptedException e) {
                keycloak.close();
                throw e;
            }
            return keycloak;
        }

        String version() {
            return version;
        }

        /** A realm whose tokens are signed with {@code algorithm}, the client {@code load} in it, and its grant. */
        ClosedLoop.Target client(String algorithm) throws IOException, InterruptedException {
            String realm = "bench-" + algorithm.toLowerCase();
            String admin = adminToken();
            send(admin, "POST", "/admin/realms", "{\"realm\":\"" + realm + "\",\"enabled\":true,\"defaultSignatureAlgorithm\":\"" + algorithm
                    + "\"}");
            if ("ES256".equals(algorithm)) {
                Matcher id = ID.matcher(send(admin, "GET", "/admin/realms/" + realm, null));
                if (!id.find()) {
                    throw new IllegalStateException("no id for realm " + realm);
                }
                send(admin, "POST", "/admin/realms/" + realm + "/components", "{\"name\":\"ecdsa-p256\",\"providerId\":\"ecdsa-generated\","
                        + "\"providerType\":\"org.keycloak.keys.KeyProvider\",\"parentId\":\"" + id.group(1) + "\",\"config\":{\"priority\":[\"200\"],"
                        + "\"enabled\":[\"true\"],\"active\":[\"true\"],\"ecdsaEllipticCurveKey\":[\"P-256\"]}}");
            }
            send(admin, "POST", "/admin/realms/" + realm + "/clients", "{\"clientId\":\"load\",\"secret\":\"load-secret\",\"enabled\":true,"
                    + "\"publicClient\":false,\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false,\"directAccessGrantsEnabled\":false,"
                    + "\"clientAuthenticatorType\":\"client-secret\"}");
            String tokenUrl = base + "/realms/" + realm + "/protocol/openid-connect/token";
            String basic = Base64.getEncoder().encodeToString("load:load-secret".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> probe = RuntimeUnderLoad.HTTP.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = TOKEN.matcher(probe.body());
            if (probe.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("Keycloak gave no token in realm " + realm + ": " + probe.statusCode() + " " + probe.body());
            }
            String header = new String(Base64.getUrlDecoder().decode(token.group(1).substring(0, token.group(1).indexOf('.'))),
                    StandardCharsets.UTF_8);
            if (!header.contains("\"" + algorithm + "\"")) {
                throw new IllegalStateException("realm " + realm + " signs with " + header + ", not " + algorithm);
            }
            System.out.println("Keycloak realm " + realm + ": tokens signed " + header);
            return new ClosedLoop.Target("POST", tokenUrl, Map.of("Authorization", "Basic " + basic, "Content-Type",
                    "application/x-www-form-urlencoded"), "grant_type=client_credentials");
        }

        private String adminToken() throws IOException, InterruptedException {
            HttpResponse<String> response = RuntimeUnderLoad.HTTP.send(HttpRequest.newBuilder(URI.create(base
                    + "/realms/master/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=" + ADMIN_PASSWORD))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("no Keycloak admin token: " + response.statusCode() + " " + response.body());
            }
            return token.group(1);
        }

        private String send(String token, String method, String path, String body) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = RuntimeUnderLoad.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Keycloak " + method + " " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        }

        private void awaitUp() throws InterruptedException {
            for (int i = 0; i < 240; i++) {
                try {
                    if (RuntimeUnderLoad.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/master")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
            throw new IllegalStateException("Keycloak did not answer in 120 s; see peer-keycloak.log");
        }

        @Override
        public void close() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}

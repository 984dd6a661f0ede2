package dev.fivenines.auth.benchmarks;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Token grants and decisions over HTTP, as wrk measures a server: the runtime (its built jar) on DynamoDB Local, a
 * fixed number of keep-alive connections each sending as fast as it is answered ({@link ClosedLoop}), a warm-up that
 * is not measured, then the measured runs.
 *
 * <ul>
 * <li>grants: {@code POST /tenants/acme/oauth2/token}, client credentials in HTTP Basic, for one stored client.</li>
 * <li>decisions: {@code POST /tenants/acme/authorize} with a bearer token, over a tenant of 1,000 access records.</li>
 * </ul>
 *
 * <p>Arguments: {@code grants|grants-uncached|decisions|both} (default both; {@code grants-uncached} turns the client
 * cache off, so every grant reads its client from storage), connections (default 32), seconds per measured run
 * (default 20), measured runs (default 2), warm-up seconds (default 20). Run from the repository root after
 * {@code ./mvnw -B -pl auth-runtime,auth-runtime-benchmarks -am install -DskipTests}; pin the runtime with
 * {@code FIVENINES_LOAD_RUNTIME_CPUS} and the generator with {@code FIVENINES_LOAD_GENERATOR_CPUS}.
 */
public final class HttpLoadTest {

    private static final Pattern SECRET = Pattern.compile("\"clientSecret\"\\s*:\\s*\"([^\"]+)\"");

    private HttpLoadTest() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "both";
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        List<ClosedLoop.Result> results = new ArrayList<>();
        Map<String, String> environment = new java.util.HashMap<>(Map.of("FIVENINES_ADMIN_BOOTSTRAP_SECRETS_ACME", "load-test-secret",
                "FIVENINES_LIMITS_CLIENT_BLOCK_RPS", "1000000"));
        if ("grants-uncached".equals(which)) {
            // every grant reads its client from storage, as before the client cache: the comparison in the same run
            environment.putAll(Map.of("FIVENINES_CLIENTS_REFRESH_AFTER", "0s", "FIVENINES_CLIENTS_EXPIRE_AFTER", "0s",
                    "FIVENINES_CLIENTS_MAX_AGE", "0s"));
        }
        try (RuntimeUnderLoad runtime = RuntimeUnderLoad.start(environment)) {
            String admin = runtime.adminToken("acme", "load-test-secret");
            if (!"decisions".equals(which)) {
                List<ClosedLoop.Target> grants = List.of(grant(runtime, admin));
                results.addAll(measure(which.startsWith("grants") ? which : "grants", grants, connections, seconds, runs, warmUp));
            }
            if ("decisions".equals(which) || "both".equals(which)) {
                runtime.seed("acme", admin, 1000);
                List<ClosedLoop.Target> decisions = new ArrayList<>();
                for (String body : RuntimeUnderLoad.decisionBodies(1000)) {
                    decisions.add(new ClosedLoop.Target("POST", runtime.uri("/tenants/acme/authorize").toString(),
                            Map.of("Authorization", "Bearer " + admin, "Content-Type", "application/json"), body));
                }
                results.addAll(measure("decisions", decisions, connections, seconds, runs, warmUp));
            }
        }
        System.out.println();
        System.out.println("| run | requests/s | requests | success | p50 | p90 | p99 | max | statuses |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (ClosedLoop.Result r : results) {
            System.out.printf("| %s | %,.0f | %,d | %.4f | %.2f ms | %.2f ms | %.2f ms | %.1f ms | %s |%n", r.name(), r.throughput(), r.requests(),
                    r.success(), r.p50(), r.p90(), r.p99(), r.max(), r.statusCodes());
        }
        System.exit(0);
    }

    static List<ClosedLoop.Result> measure(String name, List<ClosedLoop.Target> targets, int connections, int seconds, int runs,
            int warmUp) throws Exception {
        System.out.printf("%s: warming up for %d s (not measured)%n", name, warmUp);
        ClosedLoop.run(name + " warm-up", targets, connections, warmUp).print();
        List<ClosedLoop.Result> measured = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            ClosedLoop.Result result = ClosedLoop.run(name + " " + connections + " connections, run " + run, targets, connections, seconds);
            result.print();
            measured.add(result);
        }
        return measured;
    }

    /** A stored client of tenant acme, created through the admin API, and its grant. */
    static ClosedLoop.Target grant(RuntimeUnderLoad runtime, String admin) throws Exception {
        HttpResponse<String> created = RuntimeUnderLoad.HTTP.send(HttpRequest.newBuilder(runtime.uri("/tenants/acme/admin/clients/load"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"scopes\":[\"authorize\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher secret = SECRET.matcher(created.body());
        if (created.statusCode() != 200 || !secret.find()) {
            throw new IllegalStateException("the load client was not created: " + created.statusCode() + " " + created.body());
        }
        String basic = Base64.getEncoder().encodeToString(("load:" + secret.group(1)).getBytes(StandardCharsets.UTF_8));
        return new ClosedLoop.Target("POST", runtime.uri("/tenants/acme/oauth2/token").toString(), Map.of("Authorization", "Basic " + basic,
                "Content-Type", "application/x-www-form-urlencoded"), "grant_type=client_credentials");
    }
}

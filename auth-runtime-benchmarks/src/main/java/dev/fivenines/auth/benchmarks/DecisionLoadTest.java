package dev.fivenines.auth.benchmarks;

import java.util.Map;

/**
 * Load test of the HTTP decision endpoint: the runtime (its built jar) on DynamoDB Local, a tenant with 1,000
 * access records, {@code POST /tenants/acme/authorize} open-loop at a fixed rate ({@link OpenLoop}).
 *
 * <p>Arguments: rate in requests/s (default 2000), seconds (default 30), most requests in flight (default 64).
 * Run from the repository root after {@code ./mvnw -B -pl auth-runtime,auth-runtime-benchmarks -am package -DskipTests}.
 */
public final class DecisionLoadTest {

    private DecisionLoadTest() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        try (RuntimeUnderLoad runtime = RuntimeUnderLoad.start(Map.of("FIVENINES_ADMIN_BOOTSTRAP_SECRETS_ACME", "load-test-secret",
                "FIVENINES_LIMITS_CLIENT_BLOCK_RPS", "100000"))) {
            String token = runtime.adminToken("acme", "load-test-secret");
            runtime.seed("acme", token, 1000);
            var requests = runtime.decisions("acme", token, 1000);
            System.out.println("warming up: 15 s at half the rate, not measured");
            OpenLoop.run("warm-up", RuntimeUnderLoad.HTTP, requests, rate / 2, 15, inFlight);
            System.out.printf("sending %d requests/s for %d s, at most %d in flight%n", rate, seconds, inFlight);
            OpenLoop.run("decisions", RuntimeUnderLoad.HTTP, requests, rate, seconds, inFlight).print();
        }
        System.exit(0);
    }
}

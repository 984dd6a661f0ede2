package dev.fivenines.auth.benchmarks;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Does one tenant flooding far above its limit hurt another tenant? The runtime (its built jar) on DynamoDB
 * Local serves two tenants: {@code acme} at a steady rate, and {@code globex}, whose client limit is set low,
 * flooding at several times that limit. acme's latency is measured alone, then with the flood running, each
 * open-loop from scheduled send time ({@link OpenLoop}); the flood runs on its own HTTP client and connections.
 *
 * <p>Arguments: acme's rate (default 500), globex's limit (default 300), globex's flood rate (default 1500),
 * seconds per phase (default 20). Run from the repository root after
 * {@code ./mvnw -B -pl auth-runtime,auth-runtime-benchmarks -am package -DskipTests}.
 */
public final class TenantFloodLoadTest {

    private TenantFloodLoadTest() {
    }

    public static void main(String[] args) throws Exception {
        int steady = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int floodLimit = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int flood = args.length > 2 ? Integer.parseInt(args[2]) : 1500;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        try (RuntimeUnderLoad runtime = RuntimeUnderLoad.start(Map.of(
                "FIVENINES_ADMIN_BOOTSTRAP_SECRETS_ACME", "acme-secret",
                "FIVENINES_ADMIN_BOOTSTRAP_SECRETS_GLOBEX", "globex-secret",
                "FIVENINES_LIMITS_MILESTONES", "100,200",
                "FIVENINES_LIMITS_TENANTS", "globex=" + floodLimit))) {
            String acme = runtime.adminToken("acme", "acme-secret");
            String globex = runtime.adminToken("globex", "globex-secret");
            runtime.seed("acme", acme, 1000);
            runtime.seed("globex", globex, 100);
            var acmeRequests = runtime.decisions("acme", acme, 1000);
            var globexRequests = runtime.decisions("globex", globex, 100);
            HttpClient floodClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

            System.out.println("warming up: 15 s of both tenants at half their rates, not measured");
            CompletableFuture<OpenLoop.Result> warmFlood = CompletableFuture.supplyAsync(() -> run(() -> OpenLoop.run("globex warm-up",
                    floodClient, globexRequests, flood / 2, 15, 128)));
            OpenLoop.run("acme warm-up", RuntimeUnderLoad.HTTP, acmeRequests, steady / 2, 15, 64);
            warmFlood.join();

            System.out.printf("phase 1: acme alone at %d requests/s for %d s%n", steady, seconds);
            OpenLoop.Result alone = OpenLoop.run("acme alone", RuntimeUnderLoad.HTTP, acmeRequests, steady, seconds, 64);
            alone.print();

            System.out.printf("phase 2: acme at %d requests/s while globex floods at %d requests/s (its limit: %d) for %d s%n", steady, flood,
                    floodLimit, seconds);
            CompletableFuture<OpenLoop.Result> flooding = CompletableFuture.supplyAsync(() -> run(() -> OpenLoop.run("globex flood",
                    floodClient, globexRequests, flood, seconds, 128)));
            OpenLoop.Result underFlood = OpenLoop.run("acme under flood", RuntimeUnderLoad.HTTP, acmeRequests, steady, seconds, 64);
            OpenLoop.Result floodResult = flooding.join();
            underFlood.print();
            floodResult.print();
            System.out.printf("acme p50 %+.2f ms, p99 %+.2f ms under the flood%n", underFlood.ms(0.5) - alone.ms(0.5),
                    underFlood.ms(0.99) - alone.ms(0.99));
        }
        System.exit(0);
    }

    interface Body {
        OpenLoop.Result run() throws InterruptedException;
    }

    private static OpenLoop.Result run(Body body) {
        try {
            return body.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.fivenines.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HealthCheckObservation;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.NoSuchHealthCheckException;

/** The local cloud's Route 53 health checkers, read through the AWS SDK as a client of Route 53 would. */
@WithLocalCloud(regions = "us-east-1", healthCheckIntervalMillis = 100)
class HealthCheckerTest {

    private static LocalCloud localCloud;
    private static SdkClients clients;
    private static Route53Client route53;

    @BeforeAll
    static void connect(LocalCloud cloud) {
        localCloud = cloud;
        clients = new SdkClients(cloud);
        route53 = clients.route53();
    }

    @AfterAll
    static void disconnect() throws Exception {
        clients.close();
    }

    @Test
    void eightCheckersProbeTheEndpointAndReportItsStatusCode() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer endpoint = endpoint(503, requests);
        try {
            String id = create(HealthCheckType.HTTP, "127.0.0.1", endpoint.getAddress().getPort(), 1);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(observations(id))
                    .hasSize(8)
                    .allSatisfy(o -> assertThat(o.statusReport().status()).isEqualTo("Failure: HTTP Status Code 503, Service Unavailable")));
            assertThat(observations(id)).extracting(HealthCheckObservation::regionAsString)
                    .containsExactlyElementsOf(HealthChecker.CHECKER_REGIONS);
            assertThat(observations(id)).allSatisfy(o -> {
                assertThat(o.ipAddress()).isEqualTo("127.0.0.1");
                assertThat(o.statusReport().checkedTime()).isNotNull();
            });
            assertThat(requests.get()).isGreaterThanOrEqualTo(8);
        } finally {
            endpoint.stop(0);
        }
    }

    @Test
    void anEndpointOffThisMachineIsNeverProbed() {
        String id = create(HealthCheckType.HTTP, "192.0.2.10", 80, 1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(observations(id)).hasSize(8)
                .allSatisfy(o -> assertThat(o.statusReport().status()).isEqualTo("Failure: " + EndpointProbe.NOT_PROBED)));
    }

    @Test
    void aRoutedEndpointIsProbedThroughItsLoopbackRouteWithItsOwnHostHeader() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        java.util.Set<String> hosts = java.util.concurrent.ConcurrentHashMap.newKeySet();
        HttpServer endpoint = endpoint(200, requests);
        endpoint.createContext("/routed", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        try {
            String id = route53.createHealthCheck(b -> b.callerReference(UUID.randomUUID().toString()).healthCheckConfig(c -> c
                    .type(HealthCheckType.HTTP).ipAddress("192.0.2.44").port(80).resourcePath("/routed").requestInterval(10)
                    .failureThreshold(1))).healthCheck().id();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(observations(id)).hasSize(8)
                    .allSatisfy(o -> assertThat(o.statusReport().status()).isEqualTo("Failure: " + EndpointProbe.NOT_PROBED)));

            localCloud.healthCheckRoutes().route("192.0.2.44", 80, endpoint.getAddress().getPort());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(observations(id))
                    .allSatisfy(o -> assertThat(o.statusReport().status()).isEqualTo("Success: HTTP Status Code 302, Temporary Redirect")));
            assertThat(hosts).containsExactly("192.0.2.44:80");

            localCloud.healthCheckRoutes().remove("192.0.2.44", 80);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(observations(id))
                    .allSatisfy(o -> assertThat(o.statusReport().status()).isEqualTo("Failure: " + EndpointProbe.NOT_PROBED)));
        } finally {
            endpoint.stop(0);
        }
    }

    @Test
    void aRouteMustNameAnEndpointAndPorts() {
        assertThatThrownBy(() -> localCloud.healthCheckRoutes().route("", 80, 8080)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint host");
        assertThatThrownBy(() -> localCloud.healthCheckRoutes().route("192.0.2.1", 0, 8080)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void httpsIsReportedAsNotSupported() {
        String id = create(HealthCheckType.HTTPS, "127.0.0.1", 443, 1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(observations(id))
                .allSatisfy(o -> assertThat(o.statusReport().status()).startsWith("Failure: HTTPS health checks are not supported")));
    }

    @Test
    void theStatusOfAnUnknownHealthCheckIsNoSuchHealthCheck() {
        assertThatThrownBy(() -> route53.getHealthCheckStatus(b -> b.healthCheckId(UUID.randomUUID().toString())))
                .isInstanceOf(NoSuchHealthCheckException.class);
    }

    @Test
    void stoppingTheCloudStopsTheCheckers() {
        long before = checkerThreads();
        try (LocalCloud cloud = LocalCloud.builder().regions(List.of("us-east-1")).healthCheckInterval(Duration.ofMillis(100)).start()) {
            assertThat(checkerThreads()).isEqualTo(before + 1);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> checkerThreads() == before);
    }

    /** Other clouds of the test run (shared until it ends) have checker threads of their own. */
    private static long checkerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().equals("route53-health-checker")).count();
    }

    private static String create(HealthCheckType type, String ip, int port, int threshold) {
        return route53.createHealthCheck(b -> b.callerReference(UUID.randomUUID().toString()).healthCheckConfig(c -> c
                .type(type).ipAddress(ip).port(port).resourcePath("/health").requestInterval(10).failureThreshold(threshold)))
                .healthCheck().id();
    }

    private static List<HealthCheckObservation> observations(String id) {
        return route53.getHealthCheckStatus(b -> b.healthCheckId(id)).healthCheckObservations();
    }

    private static HttpServer endpoint(int status, AtomicInteger requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/health", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}

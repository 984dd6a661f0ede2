package dev.fivenines.testing.aws;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route 53's health checkers, run for real on this machine: for every health check moto holds, eight checkers (named
 * by Route 53's checker regions) each probe the endpoint every request interval ({@link EndpointProbe}) and report by
 * the failure-threshold rule ({@link CheckerState}). The Route 53 front door answers {@code GetHealthCheckStatus}
 * from here instead of moto, which reports every check healthy.
 */
final class HealthChecker implements AutoCloseable {

    static final List<String> CHECKER_REGIONS = List.of("us-east-1", "us-west-1", "us-west-2", "eu-west-1",
            "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1");

    private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);
    private static final String API = "/2013-04-01/healthcheck";
    /** moto's server picks the service from the credential scope of the Authorization header; it checks no signature. */
    private static final Map<String, List<String>> MOTO_HEADERS = Map.of("Authorization", List.of(
            "AWS4-HMAC-SHA256 Credential=" + LocalCloud.ACCESS_KEY_ID + "/20260101/us-east-1/route53/aws4_request, "
                    + "SignedHeaders=host, Signature=0"));
    private static final Duration LONGEST_TICK = Duration.ofSeconds(1);

    private final Forwarder moto;
    private final Optional<Duration> interval;
    private final Clock clock;
    private final EndpointRoutes routes;
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("route53-health-checker"));
    private final ExecutorService probes = Executors.newFixedThreadPool(4, daemon("route53-health-probe"));

    /** One health check and its checkers. */
    private static final class Tracked {
        volatile MotoHealthCheck config;
        final Map<String, CheckerState> checkers = new LinkedHashMap<>();
        final AtomicInteger probing = new AtomicInteger();
        volatile long nextProbeNanos = System.nanoTime();

        Tracked(MotoHealthCheck config) {
            this.config = config;
            CHECKER_REGIONS.forEach(region -> checkers.put(region, new CheckerState()));
        }
    }

    /**
     * @param interval replaces every health check's RequestInterval when present (the emulator's only departure from
     *                 Route 53, so that tests need not wait 10 or 30 seconds per probe)
     */
    HealthChecker(URI motoUri, Optional<Duration> interval, Clock clock, EndpointRoutes routes) {
        this.moto = new Forwarder(motoUri);
        this.interval = interval;
        this.clock = clock;
        this.routes = routes;
        Duration tick = interval.map(every -> every.dividedBy(2)).filter(half -> half.compareTo(LONGEST_TICK) < 0)
                .orElse(LONGEST_TICK);
        scheduler.scheduleWithFixedDelay(this::round, 0, Math.max(20, tick.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** The answer to a GetHealthCheckStatus request: moto's error when it has no such check, else the checkers' reports. */
    ProxyResponse status(ProxyRequest request) throws IOException {
        String path = request.path();
        String checkPath = path.substring(0, path.length() - "/status".length());
        ProxyResponse check = moto.forward(new ProxyRequest("GET", URI.create(checkPath), request.headers(), new byte[0]));
        if (check.status() != 200) {
            return check;
        }
        List<MotoHealthCheck> configs = MotoHealthCheck.parse(check.body());
        if (configs.isEmpty()) {
            throw new IOException("moto answered GetHealthCheck for " + checkPath + " without a health check");
        }
        return ProxyResponse.of(200, "text/xml", observations(track(configs.get(0))));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        probes.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            probes.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Route 53 health checker";
    }

    private void round() {
        try {
            List<MotoHealthCheck> configs = listFromMoto();
            Set<String> ids = configs.stream().map(MotoHealthCheck::id).collect(Collectors.toSet());
            tracked.keySet().retainAll(ids);
            long now = System.nanoTime();
            for (MotoHealthCheck config : configs) {
                Tracked check = track(config);
                if (now - check.nextProbeNanos >= 0 && check.probing.get() == 0) {
                    check.nextProbeNanos = now + intervalOf(config).toNanos();
                    probeAll(check);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Health checker round failed: {}", e.toString());
        }
    }

    private void probeAll(Tracked check) {
        MotoHealthCheck config = check.config;
        check.probing.set(check.checkers.size());
        check.checkers.values().forEach(checker -> probes.execute(() -> {
            try {
                checker.record(EndpointProbe.probe(config, routes), clock.instant(), config.failureThreshold());
            } finally {
                check.probing.decrementAndGet();
            }
        }));
    }

    private Tracked track(MotoHealthCheck config) {
        Tracked check = tracked.computeIfAbsent(config.id(), id -> new Tracked(config));
        check.config = config;
        return check;
    }

    private Duration intervalOf(MotoHealthCheck config) {
        return interval.orElse(Duration.ofSeconds(config.requestIntervalSeconds()));
    }

    private List<MotoHealthCheck> listFromMoto() throws IOException {
        ProxyResponse response = moto.forward(new ProxyRequest("GET", URI.create(API + "?maxitems=1000"), MOTO_HEADERS, new byte[0]));
        if (response.status() != 200) {
            throw new IOException("moto answered ListHealthChecks with HTTP " + response.status());
        }
        return MotoHealthCheck.parse(response.body());
    }

    private static String observations(Tracked check) {
        MotoHealthCheck config = check.config;
        String address = config.ipAddress().orElse("localhost".equalsIgnoreCase(config.fqdn().orElse("")) ? "127.0.0.1" : "");
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<GetHealthCheckStatusResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><HealthCheckObservations>");
        check.checkers.forEach((region, checker) -> {
            xml.append("<HealthCheckObservation><Region>").append(region).append("</Region>");
            if (!address.isEmpty()) {
                xml.append("<IPAddress>").append(escape(address)).append("</IPAddress>");
            }
            xml.append("<StatusReport><Status>").append(escape(checker.report())).append("</Status>");
            checker.checkedAt().ifPresent(at -> xml.append("<CheckedTime>")
                    .append(DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS))).append("</CheckedTime>"));
            xml.append("</StatusReport></HealthCheckObservation>");
        });
        return xml.append("</HealthCheckObservations></GetHealthCheckStatusResponse>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}

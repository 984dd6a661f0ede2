package dev.fivenines.e2e.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.fivenines.e2e.cluster.Forward;
import dev.fivenines.testing.aws.LocalCloud;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The sandbox's local cloud, kept running for {@code e2e/bin/run} until stopped: DynamoDB in every region with
 * global-table replication, Route 53 with its health checkers, a hosted zone for the samples' records, and a control
 * API on 127.0.0.1 through which the run script and the drills act on it.
 *
 * <p>Control API (all {@code POST}, answers plain text):
 * <ul>
 * <li>{@code /expose?name=N&target=HOST&service=IP:PORT} opens a door from this machine's loopback to a Service inside
 * the node, and routes Route 53's health checks of {@code HOST}:80 through it (the door stands in for the load balancer
 * a record's target names). Answers the door's address.</li>
 * <li>{@code /storage/REGION/stop}, {@code /storage/REGION/start}: a region's DynamoDB endpoint stops listening, or
 * listens again.</li>
 * </ul>
 * Once everything answers it writes {@code cloud.properties} into the state folder: each region's DynamoDB endpoint,
 * Route 53's, the zone's id, the control port; and each door as {@code door.NAME} once opened.
 */
public final class SandboxCloud {

    /** The zone the samples' records live in. */
    public static final String ZONE = "example.com.";
    /** The port a record's target is probed on: the door to the Service stands in for a load balancer's HTTP listener. */
    public static final int TARGET_PORT = 80;

    private final Path state;
    private final LocalCloud cloud;
    private final String forwardBin;
    private final String netns;
    private final Properties written = new Properties();
    private final Map<String, Forward> doors = new ConcurrentHashMap<>();

    private SandboxCloud(Path state, LocalCloud cloud, String forwardBin, String netns) {
        this.state = state;
        this.cloud = cloud;
        this.forwardBin = forwardBin;
        this.netns = netns;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: SandboxCloud <state-dir> <netns-forward binary> <node netns path> <region>...");
            System.exit(2);
        }
        Path state = Path.of(args[0]);
        List<String> regions = Arrays.asList(args).subList(3, args.length);
        LocalCloud cloud = LocalCloud.builder().regions(regions).start();
        SandboxCloud sandbox = new SandboxCloud(state, cloud, args[1], args[2]);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.doors.values().forEach(Forward::close);
            cloud.close();
            stopped.countDown();
        }, "sandbox-cloud-stop"));
        sandbox.start(regions);
        stopped.await();
    }

    private void start(List<String> regions) throws IOException {
        String zoneId;
        try (Route53Client route53 = Route53Client.builder().region(Region.AWS_GLOBAL).endpointOverride(cloud.route53Endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCloud.ACCESS_KEY_ID,
                        LocalCloud.SECRET_ACCESS_KEY))).build()) {
            String id = route53.createHostedZone(z -> z.name(ZONE).callerReference(UUID.randomUUID().toString())).hostedZone().id();
            zoneId = id.substring(id.lastIndexOf('/') + 1);
        }
        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        control.createContext("/expose", this::expose);
        control.createContext("/storage/", this::storage);
        control.setExecutor(Executors.newFixedThreadPool(2));
        control.start();

        Map<String, String> lines = new LinkedHashMap<>();
        regions.forEach(region -> lines.put("dynamodb." + region, cloud.dynamoDbEndpoint(region).toString()));
        lines.put("route53", cloud.route53Endpoint().toString());
        lines.put("zone", zoneId);
        lines.put("control", "http://127.0.0.1:" + control.getAddress().getPort());
        lines.forEach(written::setProperty);
        write();
        System.out.println("local cloud ready: " + lines);
    }

    private void expose(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI());
        String name = query.get("name");
        String target = query.get("target");
        String service = query.get("service");
        if (!"POST".equals(exchange.getRequestMethod()) || name == null || service == null) {
            answer(exchange, 400, "POST /expose?name=NAME&service=IP:PORT[&target=HOST]");
            return;
        }
        Forward door;
        try {
            door = doors.computeIfAbsent(name, n -> Forward.start(forwardBin, netns, List.of("-in", "127.0.0.1:0=" + service)));
        } catch (RuntimeException e) {
            answer(exchange, 500, "cannot open a door to " + service + ": " + e.getMessage());
            return;
        }
        String address = door.address(0);
        if (target != null && !target.isBlank()) {
            cloud.healthCheckRoutes().route(target, TARGET_PORT, Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
        }
        synchronized (written) {
            written.setProperty("door." + name, address);
            if (target != null) {
                written.setProperty("target." + name, target);
            }
            write();
        }
        answer(exchange, 200, address);
    }

    private void storage(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        if (!"POST".equals(exchange.getRequestMethod()) || parts.length != 4 || !cloud.regions().contains(parts[2])) {
            answer(exchange, 400, "POST /storage/REGION/stop|start, REGION one of " + cloud.regions());
            return;
        }
        switch (parts[3]) {
            case "stop" -> cloud.faults(parts[2]).stop();
            case "start" -> cloud.faults(parts[2]).start();
            default -> {
                answer(exchange, 400, "stop or start, not " + parts[3]);
                return;
            }
        }
        System.out.println("storage of " + parts[2] + ": " + parts[3]);
        answer(exchange, 200, parts[2] + " " + parts[3]);
    }

    private void write() {
        try {
            Files.createDirectories(state);
            Path tmp = state.resolve("cloud.properties.tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                written.store(out, "the sandbox's local cloud (e2e/bin/run)");
            }
            Files.move(tmp, state.resolve("cloud.properties"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + state.resolve("cloud.properties") + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

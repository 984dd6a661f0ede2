package dev.fivenines.testing.aws;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several AWS regions on this machine, for adapter and end-to-end tests: per region a DynamoDB Local (in this JVM)
 * behind a front door that emulates global tables (replica control and write replication, see
 * {@link GlobalTableEmulation} and {@link WriteReplicator}), and one Route 53 from moto's server behind its own front
 * door. Every listener is on 127.0.0.1. Each front door takes injected faults ({@link #faults(String)},
 * {@link #route53Faults()}). Route 53's {@code GetHealthCheckStatus} is answered by health checkers that really probe
 * each health check's endpoint on this machine ({@link HealthChecker}); other Route 53 calls go to moto.
 *
 * <p>Point AWS SDK clients at {@link #dynamoDbEndpoint(String)} and {@link #route53Endpoint()} with any static
 * credentials (e.g. {@link #ACCESS_KEY_ID} / {@link #SECRET_ACCESS_KEY}); the signature is not checked.
 *
 * <pre>{@code
 * try (LocalCloud cloud = LocalCloud.start(List.of("us-east-1", "us-west-2"))) {
 *     DynamoDbClient east = DynamoDbClient.builder().region(Region.US_EAST_1)
 *             .endpointOverride(cloud.dynamoDbEndpoint("us-east-1")) ... .build();
 * }
 * }</pre>
 */
public final class LocalCloud implements AutoCloseable {

    /** DynamoDB Local accepts only letters and digits in an access key id. */
    public static final String ACCESS_KEY_ID = "localcloud";
    public static final String SECRET_ACCESS_KEY = "localcloudsecret";

    private static final Logger LOG = LoggerFactory.getLogger(LocalCloud.class);
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    private final List<String> regions;
    private final Duration replicaChange;
    private final Duration replicationDelay;
    private final Optional<Duration> healthCheckInterval;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final EndpointRoutes healthCheckRoutes = new EndpointRoutes();
    private final Map<String, FrontDoor> dynamoDbDoors = new LinkedHashMap<>();
    private final ScheduledThreadPoolExecutor executor;
    private WriteReplicator replicator;
    private FrontDoor route53Door;

    private LocalCloud(Builder builder) {
        this.regions = List.copyOf(builder.regions);
        this.replicaChange = builder.replicaChange;
        this.replicationDelay = builder.replicationDelay;
        this.healthCheckInterval = builder.healthCheckInterval;
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "local-cloud-replication");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the regions with the default timings (replica changes take 1 s, writes replicate at once). */
    public static LocalCloud start(List<String> regions) {
        return builder().regions(regions).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    private LocalCloud startAll(boolean route53) {
        try {
            Map<String, DynamoDbBackend> backends = new LinkedHashMap<>();
            for (String region : regions) {
                LocalDynamoDb dynamoDb = LocalDynamoDb.start(region);
                started.add(dynamoDb);
                backends.put(region, new DynamoDbBackend(region, dynamoDb.uri()));
            }
            Map<String, DynamoDbBackend> allBackends = Collections.unmodifiableMap(backends);
            ReplicaGroups groups = new ReplicaGroups();
            TableTags tags = new TableTags();
            replicator = new WriteReplicator(allBackends, groups, executor, replicationDelay);
            for (String region : regions) {
                FrontDoor door = FrontDoor.open("DynamoDB " + region, new DynamoDbDialect(region),
                        new GlobalTableEmulation(region, allBackends, groups, tags, replicator, executor, replicaChange));
                started.add(door);
                dynamoDbDoors.put(region, door);
            }
            if (route53) {
                MotoServer moto = MotoServer.start();
                started.add(moto);
                Forwarder forwarder = new Forwarder(moto.uri());
                HealthChecker checker = new HealthChecker(moto.uri(), healthCheckInterval, Clock.systemUTC(), healthCheckRoutes);
                started.add(checker);
                Route53Dialect dialect = new Route53Dialect();
                route53Door = FrontDoor.open("Route 53", dialect, request -> "GetHealthCheckStatus".equals(dialect.operation(request))
                        ? checker.status(request)
                        : forwarder.forward(request));
                started.add(route53Door);
            }
            LOG.info("Local cloud up: DynamoDB {}, Route 53 {}", dynamoDbEndpoints(),
                    route53Door == null ? "not started" : route53Door.uri());
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public List<String> regions() {
        return regions;
    }

    /** The DynamoDB endpoint of one region (its front door). */
    public URI dynamoDbEndpoint(String region) {
        return door(region).uri();
    }

    /** Region to DynamoDB endpoint, in the order the regions were given. */
    public Map<String, URI> dynamoDbEndpoints() {
        Map<String, URI> endpoints = new LinkedHashMap<>();
        dynamoDbDoors.forEach((region, door) -> endpoints.put(region, door.uri()));
        return endpoints;
    }

    /** The Route 53 endpoint (a front door to moto's server). */
    public URI route53Endpoint() {
        return route53().uri();
    }

    /** Where Route 53's health checkers reach endpoints that are not this machine's loopback (see {@link EndpointRoutes}). */
    public EndpointRoutes healthCheckRoutes() {
        return healthCheckRoutes;
    }

    /** Faults of one region's DynamoDB endpoint. */
    public RegionFaults faults(String region) {
        return door(region).faults();
    }

    /** Faults of the Route 53 endpoint. */
    public RegionFaults route53Faults() {
        return route53().faults();
    }

    /** Ends every injected fault in every region and in Route 53. */
    public void clearFaults() {
        dynamoDbDoors.values().forEach(door -> door.faults().clear());
        if (route53Door != null) {
            route53Door.faults().clear();
        }
    }

    /** Replicated writes not yet applied to the other regions (0 when replication has caught up). */
    public long pendingReplication() {
        return replicator.pending();
    }

    public Duration replicaChangeDuration() {
        return replicaChange;
    }

    private FrontDoor door(String region) {
        FrontDoor door = dynamoDbDoors.get(region);
        if (door == null) {
            throw new IllegalArgumentException("No region " + region + " in this local cloud; it has " + regions);
        }
        return door;
    }

    private FrontDoor route53() {
        if (route53Door == null) {
            throw new IllegalStateException("This local cloud was started without Route 53");
        }
        return route53Door;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<AutoCloseable> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Stopping {}: {}", resource, e.toString());
            }
        }
        started.clear();
    }

    /** Settings of a local cloud. */
    public static final class Builder {

        private List<String> regions = List.of("us-east-1", "us-west-2", "eu-west-1");
        private Duration replicaChange = Duration.ofSeconds(1);
        private Duration replicationDelay = Duration.ZERO;
        private boolean route53 = true;
        private Optional<Duration> healthCheckInterval = Optional.empty();

        private Builder() {
        }

        public Builder regions(List<String> regions) {
            if (regions.isEmpty() || regions.stream().distinct().count() != regions.size()) {
                throw new IllegalArgumentException("Give at least one region, each once: " + regions);
            }
            regions.forEach(region -> {
                if (!REGION.matcher(region).matches()) {
                    throw new IllegalArgumentException("Not a region name: '" + region + "' (e.g. us-east-1)");
                }
            });
            this.regions = List.copyOf(regions);
            return this;
        }

        /** How long a replica stays CREATING or DELETING. */
        public Builder replicaChangeDuration(Duration duration) {
            this.replicaChange = requireNotNegative(duration);
            return this;
        }

        /** How long after it is acknowledged a write reaches the other regions. */
        public Builder replicationDelay(Duration delay) {
            this.replicationDelay = requireNotNegative(delay);
            return this;
        }

        /** Whether to start moto's server for Route 53 (default true). */
        public Builder route53(boolean enabled) {
            this.route53 = enabled;
            return this;
        }

        /**
         * How often the local cloud's health checkers probe every health check, instead of its RequestInterval (10 or
         * 30 s). The only departure from Route 53's health checking, so that tests can see a check fail in seconds.
         */
        public Builder healthCheckInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("The health-check interval must be positive, not " + interval);
            }
            this.healthCheckInterval = Optional.of(interval);
            return this;
        }

        public LocalCloud start() {
            return new LocalCloud(this).startAll(route53);
        }

        private static Duration requireNotNegative(Duration duration) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException("Negative duration " + duration);
            }
            return duration;
        }
    }
}

package dev.fivenines.auth.config;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import dev.fivenines.auth.authz.ModelCache;
import dev.fivenines.auth.clients.ClientCache;
import dev.fivenines.auth.clients.ClientCacheSettings;
import dev.fivenines.auth.ratio.AuthorizationRatio;
import dev.fivenines.auth.storage.AuthStore;
import dev.fivenines.auth.storage.CircuitBreaker;
import dev.fivenines.auth.storage.FailoverDynamoDb;
import dev.fivenines.auth.storage.StorageRegion;
import dev.fivenines.auth.storage.TenantRecords;
import dev.fivenines.auth.tenants.ServedTenants;
import dev.fivenines.auth.tenants.TenantDirectory;
import dev.fivenines.auth.tenants.TenantRecordReader;
import dev.fivenines.auth.tokens.Algorithm;
import dev.fivenines.auth.tokens.BootstrapSecrets;
import dev.fivenines.auth.tokens.CryptoProviders;
import dev.fivenines.auth.tokens.KeyRings;
import dev.fivenines.auth.tokens.TokenService;
import dev.fivenines.auth.tokens.TokenSettings;
import dev.fivenines.tables.AuthTables;
import com.github.benmanes.caffeine.cache.Ticker;

import dev.fivenines.auth.metrics.OwnedMeters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/** Wires the runtime's parts from its settings. */
@ApplicationScoped
public class RuntimeBeans {

    private static final Logger LOG = Logger.getLogger(RuntimeBeans.class);

    /** The name of the monotonic nanosecond time source (a {@link LongSupplier}) that measures breaker cool-downs. */
    public static final String NANO_TIME = "fivenines.nano-time";

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    @Named(NANO_TIME)
    LongSupplier nanoTime() {
        return System::nanoTime;
    }

    @Produces
    @ApplicationScoped
    DynamoDbClient dynamo(RuntimeSettings settings, MeterRegistry meters, @Named(NANO_TIME) LongSupplier nanoTime,
            OpenTelemetry telemetry) {
        // a span per DynamoDB call (each region hop its own), in the trace of the request that made it; no-op while tracing is off
        ExecutionInterceptor tracing = AwsSdkTelemetry.create(telemetry).newExecutionInterceptor();
        List<String> regions = StorageChain.regions(settings.storage());
        if (settings.storage().createTables()) {
            try (DynamoDbClient local = regionClient(regions.get(0), settings.storage(), Duration.ofSeconds(30), tracing)) {
                createTables(local, settings.storage().tablePrefix());
            }
        }
        List<StorageRegion> chain = regions.stream()
                .map(region -> new StorageRegion(region, regionClient(region, settings.storage(), settings.storage().hopTimeout(), tracing),
                        new CircuitBreaker(settings.storage().breakerFailures(), settings.storage().breakerCoolDown(), nanoTime)))
                .toList();
        LOG.infof("storage chain %s", chain.stream().map(StorageRegion::region).toList());
        return FailoverDynamoDb.over(chain, meters);
    }

    /** One region's client; {@code budget} bounds a call, retries included. */
    private static DynamoDbClient regionClient(String region, RuntimeSettings.Storage storage, Duration budget,
            ExecutionInterceptor tracing) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(storage.connectTimeout())
                        .socketTimeout(budget).build())
                .overrideConfiguration(c -> c.apiCallTimeout(budget).retryStrategy(b -> b.maxAttempts(2)).addExecutionInterceptor(tracing));
        StorageChain.endpoint(storage, region).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static void createTables(DynamoDbClient client, String prefix) {
        for (var table : AuthTables.all(prefix)) {
            try {
                client.createTable(table);
                LOG.infof("created table %s", table.tableName());
            } catch (ResourceInUseException exists) {
                LOG.debugf("table %s exists", table.tableName());
            }
        }
    }

    void close(@Disposes DynamoDbClient client) {
        client.close();
    }

    @Produces
    @ApplicationScoped
    AuthStore store(DynamoDbClient dynamo, RuntimeSettings settings, Clock clock) {
        return new AuthStore(dynamo, settings.storage().tablePrefix(), clock);
    }

    @Produces
    @ApplicationScoped
    TenantRecords tenantRecords(DynamoDbClient dynamo, RuntimeSettings settings, Clock clock) {
        return new TenantRecords(dynamo, settings.storage().tablePrefix(), clock);
    }

    @Produces
    @Singleton
    DeploymentIdentity deploymentIdentity(RuntimeSettings settings) {
        return DeploymentIdentity.of(settings);
    }

    @Produces
    @Singleton
    ServedTenants servedTenants(DeploymentIdentity identity) {
        return ServedTenants.of(identity);
    }

    @Produces
    @ApplicationScoped
    TenantRecordReader tenantRecordReader(TenantRecords records, BootstrapSecrets secrets) {
        return new TenantRecordReader(records, tenant -> secrets.of(tenant).isPresent());
    }

    @Produces
    @ApplicationScoped
    TenantDirectory tenantDirectory(TenantRecordReader reader, RuntimeSettings settings, MeterRegistry meters) {
        RuntimeSettings.Tenants tenants = settings.tenants();
        TenantDirectory directory = new TenantDirectory(reader, tenants.maxInMemory(), tenants.refreshAfter(), tenants.unknownFor(),
                tenants.lookupsPerSecond(), Ticker.systemTicker(), backgroundThread("tenant-refresh"));
        OwnedMeters.forget(meters, "fivenines.tenants.in.memory");
        Gauge.builder("fivenines.tenants.in.memory", directory, TenantDirectory::knownInMemory).tag("state", "known")
                .description("Tenant ids this replica holds as provisioned").register(meters);
        Gauge.builder("fivenines.tenants.in.memory", directory, TenantDirectory::unknownInMemory).tag("state", "unknown")
                .description("Tenant ids this replica holds as not provisioned, for a few seconds each").register(meters);
        return directory;
    }

    @Produces
    @ApplicationScoped
    ModelCache models(AuthStore store, RuntimeSettings settings, Clock clock) {
        return new ModelCache(store::loadModel, settings.model().refreshAfter(), settings.model().maxAge(), clock,
                backgroundThread("model-refresh"), settings.tenants().maxInMemory());
    }

    @Produces
    @ApplicationScoped
    @Startup // contradicting fivenines.clients settings stop the start
    ClientCache clients(AuthStore store, RuntimeSettings settings, Clock clock) {
        RuntimeSettings.Clients clients = settings.clients();
        return new ClientCache(store::client, new ClientCacheSettings(clients.refreshAfter(), clients.expireAfter(), clients.maxAge(),
                clients.maxInMemory()), clock, backgroundThread("client-refresh"));
    }

    private static Executor backgroundThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Produces
    @ApplicationScoped
    KeyRings keyRings(RuntimeSettings settings, AuthStore store, Clock clock) {
        return new KeyRings(store, Algorithm.valueOf(settings.tokens().algorithm()), settings.tokens().keyRotationPeriod(),
                settings.tokens().accessTokenTtl(), settings.tokens().keyRefresh(), clock, backgroundThread("key-refresh"),
                settings.tenants().maxInMemory());
    }

    @Produces
    @ApplicationScoped
    TokenService tokens(RuntimeSettings settings, KeyRings rings, Clock clock) {
        CryptoProviders.install(); // logs which provider signs, once
        Algorithm algorithm = Algorithm.valueOf(settings.tokens().algorithm());
        TokenSettings tokenSettings = new TokenSettings(settings.tokens().issuer(), algorithm, settings.tokens().accessTokenTtl(),
                settings.tokens().clockSkew(), settings.tokens().maxTokenBytes());
        return new TokenService(tokenSettings, rings, clock);
    }

    @Produces
    @ApplicationScoped
    AuthorizationRatio authorizationRatio(Clock clock, MeterRegistry meters) {
        return new AuthorizationRatio(clock, meters);
    }
}

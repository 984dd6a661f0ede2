package dev.fivenines.auth.config;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Executors;

import org.jboss.logging.Logger;

import dev.fivenines.auth.authz.ModelCache;
import dev.fivenines.auth.storage.AuthStore;
import dev.fivenines.auth.tokens.Algorithm;
import dev.fivenines.auth.tokens.CryptoProviders;
import dev.fivenines.auth.tokens.KeyRings;
import dev.fivenines.auth.tokens.TokenService;
import dev.fivenines.auth.tokens.TokenSettings;
import dev.fivenines.tables.AuthTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/** Wires the runtime's parts from its settings. */
@ApplicationScoped
public class RuntimeBeans {

    private static final Logger LOG = Logger.getLogger(RuntimeBeans.class);

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    DynamoDbClient dynamo(RuntimeSettings settings) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().region(Region.of(settings.storage().region()))
                .httpClient(UrlConnectionHttpClient.create());
        settings.storage().endpoint().map(URI::create).ifPresent(builder::endpointOverride);
        DynamoDbClient client = builder.build();
        if (settings.storage().createTables()) {
            for (var table : AuthTables.all(settings.storage().tablePrefix())) {
                try {
                    client.createTable(table);
                    LOG.infof("created table %s", table.tableName());
                } catch (ResourceInUseException exists) {
                    LOG.debugf("table %s exists", table.tableName());
                }
            }
        }
        return client;
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
    ModelCache models(AuthStore store, RuntimeSettings settings, Clock clock) {
        return new ModelCache(store::loadModel, settings.model().refreshAfter(), settings.model().maxAge(), clock,
                Executors.newSingleThreadExecutor(r -> {
                    Thread thread = new Thread(r, "model-refresh");
                    thread.setDaemon(true);
                    return thread;
                }));
    }

    @Produces
    @ApplicationScoped
    TokenService tokens(RuntimeSettings settings, AuthStore store, Clock clock) {
        LOG.infof("token signatures go through %s", CryptoProviders.install());
        Algorithm algorithm = Algorithm.valueOf(settings.tokens().algorithm());
        TokenSettings tokenSettings = new TokenSettings(settings.tokens().issuer(), algorithm, settings.tokens().accessTokenTtl(),
                settings.tokens().clockSkew(), settings.tokens().maxTokenBytes());
        KeyRings rings = new KeyRings(store, algorithm, settings.tokens().keyRotationPeriod(), settings.tokens().accessTokenTtl(),
                settings.tokens().keyRefresh(), clock);
        return new TokenService(tokenSettings, rings, clock);
    }
}

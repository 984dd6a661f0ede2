package dev.fivenines.auth.health;

import java.time.Clock;
import java.util.concurrent.Executors;

import dev.fivenines.auth.authz.ModelCache;
import dev.fivenines.auth.config.DeploymentIdentity;
import dev.fivenines.auth.config.RuntimeSettings;
import dev.fivenines.auth.storage.AuthStore;
import dev.fivenines.auth.tokens.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Wires the deep health check. */
@ApplicationScoped
public class HealthBeans {

    @Produces
    @ApplicationScoped
    DeepHealth deepHealth(AuthStore store, ModelCache models, TokenService tokens, RuntimeSettings settings, DeploymentIdentity identity,
            Clock clock) {
        return new DeepHealth(new HealthSteps(store, models, tokens, settings.tokens().audience()), settings.storage().region(), identity,
                settings.health().reuseFor(), settings.health().deadline(), clock, Executors.newSingleThreadExecutor(r -> {
                    Thread thread = new Thread(r, "deep-health");
                    thread.setDaemon(true);
                    return thread;
                }));
    }
}

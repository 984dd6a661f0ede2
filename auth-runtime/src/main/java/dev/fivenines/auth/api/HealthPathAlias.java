package dev.fivenines.auth.api;

import java.net.URI;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.fivenines.auth.config.RuntimeSettings;
import jakarta.ws.rs.container.ContainerRequestContext;

/** Serves the deep health check on the blueprint's {@code healthCheck.path} too, when it is not the default one. */
public class HealthPathAlias {

    private final String path;

    public HealthPathAlias(RuntimeSettings settings) {
        String configured = settings.health().path();
        if (!configured.startsWith("/")) {
            throw new IllegalArgumentException("fivenines.health.path (FIVENINES_HEALTH_PATH) must start with /, was " + configured);
        }
        this.path = configured;
    }

    @ServerRequestFilter(preMatching = true)
    public void alias(ContainerRequestContext request) {
        if (!path.equals(RuntimeSettings.DEEP_HEALTH_PATH) && path.equals(request.getUriInfo().getRequestUri().getRawPath())) {
            request.setRequestUri(URI.create(RuntimeSettings.DEEP_HEALTH_PATH));
        }
    }
}

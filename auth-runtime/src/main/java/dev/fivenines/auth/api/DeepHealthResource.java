package dev.fivenines.auth.api;

import java.util.concurrent.CompletionStage;

import dev.fivenines.auth.config.RuntimeSettings;
import dev.fivenines.auth.health.DeepHealth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The deep health check Route 53 calls (the blueprint's {@code healthCheck.path}): 200 with the report when
 * every step passed, 503 naming the failing step otherwise. Answered without holding a thread.
 */
@Path(RuntimeSettings.DEEP_HEALTH_PATH)
public class DeepHealthResource {

    private final DeepHealth health;

    public DeepHealthResource(DeepHealth health) {
        this.health = health;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> check() {
        return health.report().thenApply(report -> Response.status(report.up() ? 200 : 503).entity(report)
                .header("Cache-Control", "no-store").build());
    }
}

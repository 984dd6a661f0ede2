package dev.fivenines.auth.management;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fivenines.auth.ratio.AuthorizationRatio;
import dev.fivenines.auth.ratio.WindowStats;
import io.quarkus.vertx.http.ManagementInterface;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What the runtime answers on its management port (9000) beside Quarkus' health probes and {@code /q/metrics}:
 * {@code GET /stats/authorization}, the authorization ratio per window with its sample counts. Never on the port
 * that serves tokens and decisions, so a load balancer in front of that port exposes none of it.
 */
@ApplicationScoped
public class ManagementRoutes {

    public static final String STATS_PATH = "/stats/authorization";

    /** The answer's body: the windows, shortest first. */
    public record Stats(List<WindowStats> windows) {
    }

    private final AuthorizationRatio ratio;
    private final ObjectMapper json;

    public ManagementRoutes(AuthorizationRatio ratio, ObjectMapper json) {
        this.ratio = ratio;
        this.json = json;
    }

    void register(@Observes ManagementInterface management) {
        management.router().get(STATS_PATH).handler(context -> {
            try {
                context.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                        .end(json.writeValueAsString(new Stats(ratio.stats())));
            } catch (JsonProcessingException e) {
                context.fail(e);
            }
        });
    }
}

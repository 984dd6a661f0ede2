package dev.fivenines.auth.api;

import java.util.List;

import dev.fivenines.auth.ratio.AuthorizationRatio;
import dev.fivenines.auth.ratio.WindowStats;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The authorization ratio per window with its sample counts, for the operator's rollout gate. */
@Path("/stats/authorization")
public class StatsResource {

    public record Stats(List<WindowStats> windows) {
    }

    private final AuthorizationRatio ratio;

    public StatsResource(AuthorizationRatio ratio) {
        this.ratio = ratio;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Stats stats() {
        return new Stats(ratio.stats());
    }
}

package dev.fivenines.auth.drill;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Fails a fixed share of decisions when a drill image asks for it ({@link DrillSettings}): decision n
 * fails when {@code floor((n + 1) * share) > floor(n * share)}, so a share of 0.3 fails exactly 3 of every
 * 10, evenly spread, with no randomness to make a drill's figures wobble.
 */
@ApplicationScoped
public class DrillFault {

    private static final Logger LOG = Logger.getLogger(DrillFault.class);

    private final double share;
    private final AtomicLong decisions = new AtomicLong();

    @Inject
    public DrillFault(DrillSettings settings) {
        this(settings.decisionFailureShare());
    }

    DrillFault(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("FIVENINES_DRILL_DECISION_FAILURE_SHARE must be between 0 and 1, was " + share);
        }
        this.share = share;
        if (share > 0) {
            LOG.warnf("DRILL FAULT ON: %.0f%% of decisions are answered 500 drill_fault (FIVENINES_DRILL_DECISION_FAILURE_SHARE=%s)",
                    share * 100, share);
        }
    }

    public boolean active() {
        return share > 0;
    }

    /** Throws the drill fault's 500 for the decisions it is set to fail; does nothing when the fault is off. */
    public void beforeDecision() {
        if (share == 0) {
            return;
        }
        long n = decisions.getAndIncrement();
        if (Math.floor((n + 1) * share) > Math.floor(n * share)) {
            throw new WebApplicationException(Response.status(500).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "drill_fault", "reason", "this image runs a drill fault that fails "
                            + Math.round(share * 100) + "% of decisions (FIVENINES_DRILL_DECISION_FAILURE_SHARE)"))
                    .build());
        }
    }
}

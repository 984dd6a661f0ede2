package dev.fivenines.auth.consistency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * When the runtime checks its own consistency ({@link ScheduledConsistencyValidation}). Environment variables
 * {@code FIVENINES_CONSISTENCY_INTERVAL} and {@code FIVENINES_CONSISTENCY_INITIAL_DELAY}.
 *
 * <p>A mapping of its own, not a {@code @ConfigProperty}: the runtime's settings map the whole {@code fivenines}
 * namespace and reject a name under it that no mapping declares.
 */
@ConfigMapping(prefix = "fivenines.consistency")
public interface ConsistencySettings {

    /** How often: a duration such as {@code 1h} or {@code 30m}; {@code off} (or {@code disabled}) turns the check off. */
    @WithDefault("1h")
    String interval();

    /**
     * How long after start the first check runs (a duration), so that starting a replica is not slowed by a full read
     * of both tables.
     */
    @WithDefault("10m")
    String initialDelay();

    default boolean off() {
        return interval().trim().equalsIgnoreCase("off") || interval().trim().equalsIgnoreCase("disabled");
    }
}

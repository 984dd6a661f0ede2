package dev.fivenines.auth.ratio;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The authorization ratio over one window: successes over all attempts, with the sample counts the
 * rollout gate needs to judge it. {@code ratio} is null while the window has no attempts.
 */
public record WindowStats(String window, int seconds, long attempts, long successes, Double ratio, Map<String, Long> outcomes) {

    static WindowStats of(String window, int seconds, long[] counts) {
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        long attempts = 0;
        for (Outcome outcome : Outcome.values()) {
            byOutcome.put(outcome.name().toLowerCase(java.util.Locale.ROOT), counts[outcome.ordinal()]);
            attempts += counts[outcome.ordinal()];
        }
        long successes = counts[Outcome.SUCCESS.ordinal()];
        return new WindowStats(window, seconds, attempts, successes, attempts == 0 ? null : (double) successes / attempts, byOutcome);
    }
}

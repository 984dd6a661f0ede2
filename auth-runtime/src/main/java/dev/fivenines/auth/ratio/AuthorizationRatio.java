package dev.fivenines.auth.ratio;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.fivenines.auth.metrics.OwnedMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The authorization ratio: every decision and login is counted by outcome; the share of successes over
 * the last 1 minute, 10 minutes and 1 hour is exported as gauges ({@code fivenines.authorization.ratio},
 * tag {@code window}) next to the attempts they are made of ({@code fivenines.authorization.attempts}), and
 * every outcome as a counter ({@code fivenines.authorization.outcomes}, tags {@code kind} and
 * {@code outcome}). A window without attempts has no ratio (the gauge reads NaN), never a made-up 1.
 */
public final class AuthorizationRatio {

    public enum Kind {
        DECISION, LOGIN
    }

    public record Window(String name, int seconds) {
    }

    public static final List<Window> WINDOWS = List.of(new Window("1m", 60), new Window("10m", 600), new Window("1h", 3600));

    private final OutcomeWindows windows = new OutcomeWindows();
    private final Map<Kind, Map<Outcome, Counter>> counters = new EnumMap<>(Kind.class);
    private final Clock clock;

    public AuthorizationRatio(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        OwnedMeters.forget(meters, "fivenines.authorization.ratio", "fivenines.authorization.attempts");
        for (Kind kind : Kind.values()) {
            Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(outcome, Counter.builder("fivenines.authorization.outcomes").description("Decisions and logins by outcome")
                        .tag("kind", kind.name().toLowerCase(Locale.ROOT)).tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                        .register(meters));
            }
            counters.put(kind, byOutcome);
        }
        for (Window window : WINDOWS) {
            Gauge.builder("fivenines.authorization.ratio", this, r -> {
                Double ratio = r.stats(window).ratio();
                return ratio == null ? Double.NaN : ratio;
            }).description("Successful decisions and logins over all attempts in the window").tag("window", window.name()).register(meters);
            Gauge.builder("fivenines.authorization.attempts", this, r -> r.stats(window).attempts())
                    .description("Decisions and logins attempted in the window").tag("window", window.name()).register(meters);
        }
    }

    public void record(Kind kind, Outcome outcome) {
        windows.record(outcome, clock.instant().getEpochSecond());
        counters.get(kind).get(outcome).increment();
    }

    public WindowStats stats(Window window) {
        return WindowStats.of(window.name(), window.seconds(), windows.sum(window.seconds(), clock.instant().getEpochSecond()));
    }

    public List<WindowStats> stats() {
        return WINDOWS.stream().map(this::stats).toList();
    }
}

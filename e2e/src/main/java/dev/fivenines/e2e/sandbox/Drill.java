package dev.fivenines.e2e.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A failure drill on the running sandbox: it breaks one thing on purpose while traffic runs, restores it, and reports
 * what a user saw and the measured recovery, with a verdict.
 */
public interface Drill {

    /** As {@code e2e/bin/drill NAME} names it. */
    String name();

    /** What it breaks and what should happen, in a sentence. */
    String breaks();

    /** Runs the drill; restores what it broke even when it fails. */
    Report run(Sandbox sandbox) throws Exception;

    /** What a drill saw: lines for the user, figures, and whether every expectation held. */
    final class Report {

        private final String drill;
        private final List<String> lines = new ArrayList<>();
        private final List<String> figures = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();

        public Report(String drill) {
            this.drill = drill;
        }

        public void saw(String line) {
            lines.add(line);
            System.out.println("[" + drill + "] " + line);
        }

        /** A measured figure (it goes to the verdict line and docs/drills.md's table). */
        public void figure(String name, String value) {
            figures.add(name + " " + value);
            saw(name + ": " + value);
        }

        /** An expectation: recorded as failed when it does not hold. */
        public void expect(boolean holds, String what) {
            if (!holds) {
                failures.add(what);
                saw("NOT MET: " + what);
            }
        }

        public boolean passed() {
            return failures.isEmpty();
        }

        public String verdict() {
            return "VERDICT " + drill + ": " + (passed() ? "PASS" : "FAIL (" + String.join("; ", failures) + ")") + " | "
                    + String.join("; ", figures);
        }
    }

    /** Waits until {@code condition} holds, polling every 250 ms; the time it first held, or empty after {@code limit}. */
    static java.util.Optional<Instant> until(Duration limit, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return java.util.Optional.of(Instant.now());
                }
            } catch (RuntimeException e) {
                // the API server or Route 53 busy for a moment: ask again
            }
            Thread.sleep(250);
        }
        return java.util.Optional.empty();
    }

    static String seconds(Instant from, java.util.Optional<Instant> to) {
        return to.map(t -> String.format("%.1f s", Duration.between(from, t).toMillis() / 1000.0)).orElse("not within the limit");
    }
}

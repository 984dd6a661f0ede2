package dev.fivenines.operator.rollout;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decisions and logins by series, {@code kind/outcome} (e.g. {@code decision/success}), as the runtime counts them
 * in {@code fivenines_authorization_outcomes_total}. The authorization ratio is successes over all outcomes.
 */
public record OutcomeCounts(Map<String, Long> bySeries) {

    public static final OutcomeCounts NONE = new OutcomeCounts(Map.of());

    private static final String SUCCESS = "/success";

    public OutcomeCounts {
        bySeries.forEach((series, count) -> {
            if (count < 0) {
                throw new IllegalArgumentException("a count is never negative: " + series + " = " + count);
            }
        });
        bySeries = Collections.unmodifiableMap(new TreeMap<>(bySeries));
    }

    public static String series(String kind, String outcome) {
        return kind + "/" + outcome;
    }

    public long successes() {
        return bySeries.entrySet().stream().filter(e -> e.getKey().endsWith(SUCCESS)).mapToLong(Map.Entry::getValue).sum();
    }

    public long total() {
        return bySeries.values().stream().mapToLong(Long::longValue).sum();
    }

    public OutcomeCounts plus(OutcomeCounts other) {
        Map<String, Long> sum = new TreeMap<>(bySeries);
        other.bySeries.forEach((series, count) -> sum.merge(series, count, Long::sum));
        return new OutcomeCounts(sum);
    }

    /**
     * What was counted between {@code earlier} and these cumulative counts, series by series. A lower value than
     * before means the counter restarted (the pod's process restarted): it counts from zero, like Prometheus
     * {@code increase}. A series that is new here counts from zero too.
     */
    public OutcomeCounts increaseSince(OutcomeCounts earlier) {
        Map<String, Long> increase = new TreeMap<>();
        bySeries.forEach((series, now) -> {
            long before = earlier.bySeries.getOrDefault(series, 0L);
            increase.put(series, now >= before ? now - before : now);
        });
        return new OutcomeCounts(increase);
    }
}

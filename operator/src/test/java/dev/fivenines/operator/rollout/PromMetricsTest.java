package dev.fivenines.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

class PromMetricsTest {

    /** Registers the outcome counters and ratio gauges the way the runtime's AuthorizationRatio does. */
    private static PrometheusMeterRegistry runtimeLikeRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (String kind : List.of("decision", "login")) {
            for (String outcome : List.of("success", "denied", "rejected", "blocked", "timed_out", "failed")) {
                Counter.builder("fivenines.authorization.outcomes").description("Decisions and logins by outcome").tag("kind", kind)
                        .tag("outcome", outcome).register(registry);
            }
        }
        Gauge.builder("fivenines.authorization.ratio", () -> Double.NaN).description("Successful decisions and logins over all attempts")
                .tag("window", "1m").register(registry);
        registry.counter("fivenines.authorization.outcomes", "kind", "decision", "outcome", "success").increment(1840);
        registry.counter("fivenines.authorization.outcomes", "kind", "decision", "outcome", "denied").increment(55);
        registry.counter("fivenines.authorization.outcomes", "kind", "login", "outcome", "success").increment(120);
        registry.counter("fivenines.authorization.outcomes", "kind", "login", "outcome", "timed_out").increment(3);
        return registry;
    }

    @Test
    void readsTheOutcomeCountersFromWhatMicrometersPrometheusRegistryWrites() {
        String scrape = runtimeLikeRegistry().scrape();
        assertThat(scrape).as("the sample has what the parser must cope with")
                .contains("fivenines_authorization_outcomes_total{kind=\"decision\",outcome=\"success\",} 1840.0")
                .contains("# TYPE fivenines_authorization_outcomes_total counter")
                .contains("fivenines_authorization_ratio{window=\"1m\",} NaN");

        OutcomeCounts counts = PromMetrics.outcomes(scrape);

        assertThat(counts.successes()).isEqualTo(1960);
        assertThat(counts.total()).isEqualTo(2018);
        assertThat(counts.bySeries()).containsEntry("login/timed_out", 3L).containsEntry("decision/blocked", 0L).hasSize(12);
    }

    @Test
    void readsTheOpenMetricsFlavourToo() {
        String scrape = runtimeLikeRegistry().scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(scrape).contains("# EOF");

        assertThat(PromMetrics.outcomes(scrape).total()).isEqualTo(2018);
    }

    @Test
    void parsesEscapesTimestampsExemplarsAndSpecialValues() {
        String text = """
                # HELP odd_total A counter, with "quotes" in its help
                # TYPE odd_total counter
                odd_total{path="C:\\\\dir\\"x\\"",note="a,b}c",multi="one\\ntwo",} 7.0 1700000000000
                odd_total{path="plain"} 3 # {trace_id="abc"} 1.0 1700000000.000
                plain_gauge 1.5e3
                spaced { a = "1" , b="2" } -Inf
                up +Inf
                down NaN
                """;

        List<PromMetrics.Sample> samples = PromMetrics.parse(text);

        assertThat(samples).hasSize(6);
        assertThat(samples.get(0).labels()).containsExactly(Map.entry("path", "C:\\dir\"x\""), Map.entry("note", "a,b}c"),
                Map.entry("multi", "one\ntwo"));
        assertThat(samples.get(0).value()).isEqualTo(7.0);
        assertThat(samples.get(1).value()).isEqualTo(3.0);
        assertThat(samples.get(2)).isEqualTo(new PromMetrics.Sample("plain_gauge", Map.of(), 1500.0));
        assertThat(samples.get(3).labels()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(samples.get(3).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(samples.get(4).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(samples.get(5).value()).isNaN();
    }

    @Test
    void outcomeSeriesWithExtraLabelsAreSummedAndNaNIsLeftOut() {
        String text = """
                fivenines_authorization_outcomes_total{application="auth",pod="a",kind="decision",outcome="success",} 10.0
                fivenines_authorization_outcomes_total{application="auth",pod="b",kind="decision",outcome="success",} 5.0
                fivenines_authorization_outcomes_total{kind="decision",outcome="failed",} NaN
                fivenines_authorization_outcomes_created{kind="decision",outcome="success"} 1.7E9
                fivenines_authorization_attempts{window="1m",} 99.0
                """;

        OutcomeCounts counts = PromMetrics.outcomes(text);

        assertThat(counts.bySeries()).containsExactly(Map.entry("decision/success", 15L));
    }

    @Test
    void aMalformedLineIsRefusedWithItsNumber() {
        assertThatThrownBy(() -> PromMetrics.parse("# TYPE x counter\nx{a=\"1\" 2.0\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2 of the metrics: expected , or } at column 9: x{a=\"1\" 2.0");
        assertThatThrownBy(() -> PromMetrics.parse("x{a=\"1\"} lots")).hasMessageStartingWith("line 1 of the metrics: not a number: lots");
        assertThatThrownBy(() -> PromMetrics.parse("x{a=\"unterminated} 1")).hasMessageContaining("unterminated label value");
        assertThatThrownBy(() -> PromMetrics.parse("x")).hasMessageContaining("no value");
    }

    @Test
    void anEmptyScrapeHasNoOutcomes() {
        assertThat(PromMetrics.outcomes("")).isEqualTo(OutcomeCounts.NONE);
        assertThat(PromMetrics.outcomes("# HELP only comments\n\n").total()).isZero();
    }
}

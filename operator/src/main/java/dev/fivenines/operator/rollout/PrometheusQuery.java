package dev.fivenines.operator.rollout;

import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;

import dev.fivenines.api.v1alpha1.RolloutPrometheus;

/**
 * The PromQL instant query for one bucket's outcomes: counts by outcome over the window, summed across the
 * bucket's pods at the revision (never an average of per-pod ratios). Either the one the operator writes, or
 * {@code spec.rollout.analysis.prometheus.query} with its placeholders replaced.
 */
final class PrometheusQuery {

    static final String METRIC = "fivenines_authorization_outcomes_total";

    private PrometheusQuery() {
    }

    static String of(RolloutPrometheus spec, Collection<String> deployments, String revision, Duration window) {
        String names = deployments.stream().sorted().map(PrometheusQuery::regexLiteral).map(PrometheusQuery::stringContent)
                .collect(Collectors.joining("|"));
        String range = window.toSeconds() + "s";
        if (spec.getQuery() != null) {
            return spec.getQuery().replace("$deployments", names).replace("$revision", stringContent(revision)).replace("$window", range);
        }
        String matchers = spec.getMatchers() == null || spec.getMatchers().isBlank() ? "" : ", " + spec.getMatchers().strip();
        return "sum by (kind, outcome) (increase(" + METRIC + "{" + label(spec.getDeploymentLabel(), "app_kubernetes_io_instance") + "=~\"" + names
                + "\", " + label(spec.getRevisionLabel(), "fivenines_dev_revision") + "=\"" + stringContent(revision) + "\"" + matchers + "}["
                + range + "]))";
    }

    private static String label(String given, String fallback) {
        return given == null || given.isBlank() ? fallback : given;
    }

    /** A name matched literally by a regular expression. */
    private static String regexLiteral(String name) {
        return name.replaceAll("[\\\\.^$|?*+()\\[\\]{}]", "\\\\$0");
    }

    /** Text as it stands inside a double-quoted PromQL string. */
    private static String stringContent(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}

package dev.fivenines.operator.rollout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the Prometheus text exposition a runtime pod serves at {@code /q/metrics}: lines
 * {@code name{label="value",...} value [timestamp]}, with {@code # HELP} and {@code # TYPE} comments, escaped label
 * values ({@code \\}, {@code \"}, {@code \n}), {@code NaN} and {@code ±Inf}, the trailing comma inside the braces that
 * Micrometer's Prometheus registry writes, and OpenMetrics' {@code # EOF} and exemplars.
 */
public final class PromMetrics {

    /** The runtime's counter of decisions and logins, labelled {@code kind} and {@code outcome}. */
    public static final String OUTCOMES = "fivenines_authorization_outcomes_total";

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private PromMetrics() {
    }

    /** The outcome counters of one scrape; a series read as NaN or a negative number is left out. */
    public static OutcomeCounts outcomes(String exposition) {
        Map<String, Long> counts = new TreeMap<>();
        for (Sample sample : parse(exposition)) {
            String kind = sample.labels().get("kind");
            String outcome = sample.labels().get("outcome");
            if (sample.name().equals(OUTCOMES) && kind != null && outcome != null && Double.isFinite(sample.value()) && sample.value() >= 0) {
                counts.merge(OutcomeCounts.series(kind, outcome), Math.round(sample.value()), Long::sum);
            }
        }
        return new OutcomeCounts(counts);
    }

    /** Every sample of the exposition, in order; a malformed line fails with its number. */
    public static List<Sample> parse(String exposition) {
        List<Sample> samples = new ArrayList<>();
        String[] lines = exposition.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(new Line(line).sample());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " of the metrics: " + e.getMessage() + ": " + line, e);
            }
        }
        return samples;
    }

    /** One sample line, read left to right. */
    private static final class Line {
        private final String text;
        private int at;

        Line(String text) {
            this.text = text;
        }

        Sample sample() {
            String name = name();
            Map<String, String> labels = new LinkedHashMap<>();
            skipSpaces();
            if (peek() == '{') {
                at++;
                labels(labels);
            }
            String[] rest = text.substring(at).strip().split("\\s+");
            if (rest.length == 0 || rest[0].isEmpty()) {
                throw new IllegalArgumentException("no value");
            }
            return new Sample(name, labels, value(rest[0]));
        }

        private String name() {
            int start = at;
            while (at < text.length() && isNameChar(text.charAt(at), at == start)) {
                at++;
            }
            if (at == start) {
                throw new IllegalArgumentException("no metric name");
            }
            return text.substring(start, at);
        }

        private void labels(Map<String, String> labels) {
            while (true) {
                skipSpaces();
                if (peek() == '}') {
                    at++;
                    return;
                }
                String label = name();
                skipSpaces();
                expect('=');
                skipSpaces();
                labels.put(label, quoted());
                skipSpaces();
                if (peek() == ',') {
                    at++;
                } else if (peek() != '}') {
                    throw new IllegalArgumentException("expected , or } at column " + (at + 1));
                }
            }
        }

        private String quoted() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && at < text.length()) {
                    char escaped = text.charAt(at++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            throw new IllegalArgumentException("unterminated label value");
        }

        private static double value(String token) {
            return switch (token) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> {
                    try {
                        yield Double.parseDouble(token);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("not a number: " + token);
                    }
                }
            };
        }

        private static boolean isNameChar(char c, boolean first) {
            return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
        }

        private char peek() {
            return at < text.length() ? text.charAt(at) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected " + c + " at column " + (at + 1));
            }
            at++;
        }

        private void skipSpaces() {
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
        }
    }
}

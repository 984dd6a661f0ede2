package dev.fivenines.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.fivenines.testing.ProjectRoot;

/**
 * The series the operator registers, read from its source: which {@code OperatorMetrics} method registers each
 * name, and which of those methods the operator's code calls (a series whose method nobody calls is never served).
 */
final class OperatorMetricsSource {

    private static final Path OPERATOR_SOURCES = Path.of("operator/src/main/java/dev/fivenines/operator");
    private static final Pattern METHOD = Pattern.compile("^\\s*public\\s+[\\w<>]+\\s+(\\w+)\\s*\\(");
    private static final Pattern SERIES = Pattern.compile("\"(fivenines_[a-z0-9_]+)\"");

    private OperatorMetricsSource() {
    }

    /** Series name to the OperatorMetrics method that registers it. */
    static Map<String, String> read() {
        Map<String, String> registeredBy = new LinkedHashMap<>();
        String method = null;
        for (String line : lines(root().resolve(OPERATOR_SOURCES).resolve("metrics/OperatorMetrics.java"))) {
            Matcher declaration = METHOD.matcher(line);
            if (declaration.find()) {
                method = declaration.group(1);
            }
            if (method != null && (line.contains("registry.counter(") || line.contains("gauge("))) {
                Matcher series = SERIES.matcher(line);
                while (series.find()) {
                    registeredBy.putIfAbsent(series.group(1), method);
                }
            }
        }
        if (registeredBy.isEmpty()) {
            throw new AssertionError("no series found in OperatorMetrics.java: has the way it registers them changed?");
        }
        return registeredBy;
    }

    /** The OperatorMetrics methods called as {@code metrics.<method>(} outside the metrics package. */
    static Set<String> methodsCalledByTheOperator() {
        Set<String> called = new HashSet<>();
        Pattern call = Pattern.compile("\\bmetrics\\.(\\w+)\\s*\\(");
        try (Stream<Path> files = Files.walk(root().resolve(OPERATOR_SOURCES))) {
            files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.getParent().endsWith("metrics"))
                    .forEach(file -> lines(file).forEach(line -> call.matcher(line).results().forEach(m -> called.add(m.group(1)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return called;
    }

    private static Path root() {
        return ProjectRoot.find();
    }

    private static java.util.List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.fivenines.auth.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A fixed number of keep-alive connections, each sending its next request as soon as the answer to the last arrived
 * (what wrk does): the vegeta load generator, run with {@code -rate=0} and as many workers as connections. Where
 * {@code FIVENINES_LOAD_GENERATOR_CPUS} is set, the generator runs under {@code taskset -c} on those cores.
 */
final class ClosedLoop {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request to send, over and over: vegeta's JSON target format. */
    record Target(String method, String url, Map<String, String> headers, String body) {
    }

    /** What a run measured: requests per second, latencies in milliseconds, status codes. */
    record Result(String name, double throughput, long requests, double success, double p50, double p90, double p99, double max,
            JsonNode statusCodes) {

        void print() {
            System.out.printf("%s: %,.0f requests/s, %,d requests, %.4f success, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms, statuses %s%n",
                    name, throughput, requests, success, p50, p90, p99, max, statusCodes);
        }
    }

    private ClosedLoop() {
    }

    static Result run(String name, List<Target> targets, int connections, int seconds) throws IOException, InterruptedException {
        String vegeta = vegeta();
        Path work = Files.createTempDirectory("closed-loop");
        Path targetFile = work.resolve("targets.json");
        StringBuilder lines = new StringBuilder();
        for (Target target : targets) {
            ObjectNode line = JSON.createObjectNode().put("method", target.method()).put("url", target.url());
            ObjectNode headers = line.putObject("header");
            target.headers().forEach((header, value) -> headers.putArray(header).add(value));
            if (target.body() != null) {
                line.put("body", Base64.getEncoder().encodeToString(target.body().getBytes(StandardCharsets.UTF_8)));
            }
            lines.append(JSON.writeValueAsString(line)).append('\n');
        }
        Files.writeString(targetFile, lines);
        Path results = work.resolve("results.bin");
        List<String> attack = new ArrayList<>();
        String cpus = System.getenv("FIVENINES_LOAD_GENERATOR_CPUS");
        if (cpus != null && !cpus.isBlank()) {
            attack.addAll(List.of("taskset", "-c", cpus));
        }
        attack.addAll(List.of(vegeta, "attack", "-format=json", "-targets=" + targetFile, "-rate=0", "-workers=" + connections,
                "-max-workers=" + connections, "-connections=" + connections, "-keepalive=true", "-duration=" + seconds + "s",
                "-output=" + results));
        exec(attack);
        Path report = work.resolve("report.json");
        exec(List.of(vegeta, "report", "-type=json", "-output=" + report, results.toString()));
        JsonNode figures = JSON.readTree(report.toFile());
        JsonNode latencies = figures.path("latencies");
        Result result = new Result(name, figures.path("throughput").asDouble(), figures.path("requests").asLong(),
                figures.path("success").asDouble(), millis(latencies.path("50th")), millis(latencies.path("90th")),
                millis(latencies.path("99th")), millis(latencies.path("max")), figures.path("status_codes"));
        Files.delete(results);
        return result;
    }

    private static double millis(JsonNode nanos) {
        return nanos.asDouble() / 1_000_000.0;
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue());
        }
    }

    private static String vegeta() {
        String configured = System.getenv("FIVENINES_VEGETA");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path installed = Path.of(System.getProperty("user.home"), ".fivenines", "bin", "vegeta");
        if (Files.isExecutable(installed)) {
            return installed.toString();
        }
        throw new IllegalStateException("the vegeta load generator is missing: run auth-runtime-benchmarks/bin/install-vegeta "
                + "(or set FIVENINES_VEGETA to its path)");
    }
}

package dev.fivenines.e2e.waves;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.fivenines.testing.ProjectRoot;

/**
 * The operator as its image runs it ({@code java -jar quarkus-run.jar}, the prod profile, leader election on), outside
 * any cluster: it reaches its control plane through a kubeconfig file, as any Kubernetes client does.
 */
final class OperatorProcess implements AutoCloseable {

    private static final Path JAR = Path.of("operator", "target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final Path log;

    private OperatorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts an operator with the given kubeconfig and settings (environment variables, as the chart sets them). */
    static OperatorProcess start(String name, String kubeconfigYaml, Map<String, String> environment, Path workDir) throws IOException {
        Path jar = ProjectRoot.find().resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the operator is not built: " + jar + " is missing; build it with "
                    + "./mvnw -B -pl operator -am package -DskipTests (./mvnw verify builds it before this module's tests)");
        }
        Path kubeconfig = workDir.resolve(name + ".kubeconfig");
        Files.writeString(kubeconfig, kubeconfigYaml);
        Path log = workDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().putAll(environment);
        return new OperatorProcess(builder.start(), log);
    }

    Path log() {
        return log;
    }

    /** The last lines of its log, for a failure message. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

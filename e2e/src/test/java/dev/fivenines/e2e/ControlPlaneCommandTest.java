package dev.fivenines.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fivenines.testing.ProjectRoot;

/** {@code e2e/bin/control-plane up|status|down} as a user runs it, checked with the real kubectl. */
class ControlPlaneCommandTest {

    @TempDir
    Path stateDir;

    private record Result(int exit, String out, String err) {
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ProjectRoot.find().toFile());
        builder.environment().put("FIVENINES_STATE_DIR", stateDir.toString());
        Path out = Files.createTempFile(stateDir, "out", ".txt");
        Path err = Files.createTempFile(stateDir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in 10 minutes");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8).trim(),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Result controlPlane(String verb) throws IOException, InterruptedException {
        return run(List.of("bash", "e2e/bin/control-plane", verb));
    }

    @AfterEach
    void stopWhatWasStarted() throws IOException, InterruptedException {
        controlPlane("down");
    }

    @Test
    void upPrintsAKubeconfigThatKubectlAcceptsAndDownStopsIt() throws IOException, InterruptedException {
        Result up = controlPlane("up");
        assertThat(up.exit()).as("control-plane up; stderr: %s", up.err()).isZero();
        Path kubeconfig = Path.of(up.out());
        assertThat(kubeconfig).isRegularFile();

        Result version = run(List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "get", "--raw", "/version"));
        assertThat(version.exit()).as("kubectl get --raw /version; stderr: %s", version.err()).isZero();
        assertThat(version.out()).contains("\"gitVersion\": \"v1.34");

        Result again = controlPlane("up");
        assertThat(again.out()).as("a second up reuses the running control plane").isEqualTo(up.out());
        assertThat(controlPlane("status").out()).startsWith("running");

        Result down = controlPlane("down");
        assertThat(down.out()).startsWith("stopped the control plane");
        Result status = controlPlane("status");
        assertThat(status.exit()).isEqualTo(3);
        assertThat(status.out()).isEqualTo("not running");
        assertThat(kubeconfig).doesNotExist();
    }
}

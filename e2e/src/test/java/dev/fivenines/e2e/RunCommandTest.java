package dev.fivenines.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fivenines.testing.ProjectRoot;

/**
 * The README's run command, as a newcomer runs it: the local cluster with its real node, the local cloud with three
 * regions and Route 53, the operator installed from its chart and image with AWS on, the samples' runtime pods Ready
 * on their real probes, a token and a decision served in every region; then every drill of {@code e2e/bin/drill}, run
 * from the command line on that sandbox, passes.
 */
@Tag("local-node")
class RunCommandTest {

    static final List<String> DRILLS = List.of("region-storage-down", "primary-region-down", "evacuate", "hand-edit", "tenant-flood",
            "corrupted-record", "bad-version");

    @Test
    void runCommandBringsEverySampleDeploymentToReady(@TempDir Path state) throws IOException, InterruptedException {
        Path root = ProjectRoot.find();
        Path output = state.resolve("run.log");
        ProcessBuilder run = new ProcessBuilder("bash", "e2e/bin/run").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        run.environment().put("FIVENINES_STATE_DIR", state.resolve("run").toString());
        run.environment().put("FIVENINES_RUN_ONCE", "1");
        run.environment().put("FIVENINES_RUN_DRILLS", String.join(" ", DRILLS));
        // a cluster of its own beside the one the other end-to-end tests share
        run.environment().put("FIVENINES_NODE_NETNS", "fivenines-runtest");
        run.environment().put("FIVENINES_API_PORT", "16643");
        Process process = run.start();
        boolean finished = process.waitFor(25, TimeUnit.MINUTES);
        if (!finished) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(finished).as("e2e/bin/run finished; its output:%n%s", log).isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", log).isZero();
        assertThat(log).containsPattern("authblueprint.fivenines.dev/auth +0\\.1\\.0 +4/4 +True ")
                .containsPattern("auth-use1-primary +Primary +us-east-1 +0\\.1\\.0 +True +True ")
                .containsPattern("auth-usw2-backup +Backup +us-west-2 +0\\.1\\.0 +True +True ")
                .containsPattern("auth-euw1-edge +Edge +eu-west-1 +0\\.1\\.0 +True +True ")
                .containsPattern("auth-use1-acme +Dedicated +us-east-1 +0\\.1\\.0 +True +True ")
                .containsPattern("auth-use1-primary-\\S+ +1/1 +Running")
                .containsPattern("auth-consistency-us-east-1 +17 \\* \\* \\* \\*").containsPattern("auth-consistency-eu-west-1 +17 ")
                .contains("auth-use1-primary deep health: 200").contains("auth-euw1-edge deep health: 200")
                .containsPattern("decision from auth-euw1-edge: \\{.*\"allowed\":true")
                .containsPattern("decision from auth-usw2-backup: \\{.*\"allowed\":true")
                .contains("auth.example.com: answered by auth-use1-primary")
                .containsPattern("auth-use1-primary +Active +\\d/8")
                .contains("stopping");
        for (String drill : DRILLS) {
            assertThat(log).as("drill %s passed; output:%n%s", drill, log).contains("VERDICT " + drill + ": PASS");
        }
        assertThat(Files.exists(state.resolve("run/cluster"))).as("the cluster was stopped and removed").isFalse();
    }
}

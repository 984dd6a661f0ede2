package dev.fivenines.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthBlueprintStatus;
import dev.fivenines.api.v1alpha1.BucketPhase;
import dev.fivenines.api.v1alpha1.RolloutBucketStatus;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.api.v1alpha1.RolloutStatus;
import dev.fivenines.api.v1alpha1.Verdict;
import dev.fivenines.testing.LocalControlPlane;
import dev.fivenines.testing.ProjectRoot;
import dev.fivenines.testing.WithControlPlane;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * {@code kubectl fivenines rollout ...} as a user runs it: the one file of kubectl-plugin/ on PATH, the real
 * kubectl, a real API server holding blueprints whose rollout status is set the way the operator writes it.
 */
@WithControlPlane(crds = {"crds/generated/authblueprints.fivenines.dev-v1.yml", "crds/generated/authdeployments.fivenines.dev-v1.yml"})
class KubectlPluginTest {

    private record Result(int exitCode, String stdout, String stderr) {
    }

    @TempDir
    Path dir;
    private Path kubeconfig;

    @BeforeEach
    void writeKubeconfig(LocalControlPlane plane) throws IOException {
        kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, plane.kubeconfigYaml());
    }

    private Result plugin(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "fivenines", "rollout"));
        command.addAll(List.of(args));
        command.addAll(List.of("-n", "default"));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("PATH", ProjectRoot.find().resolve("kubectl-plugin") + ":" + System.getenv("PATH"));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finishes", command).isTrue();
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static AuthBlueprint create(KubernetesClient client, String name, String version) {
        String yaml = ApiServerValidationTest.blueprint(name, version, "rollout: {bakeSeconds: 30}");
        AuthBlueprint blueprint = client.getKubernetesSerialization().unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                AuthBlueprint.class);
        return client.resource(blueprint).create();
    }

    private static RolloutBucketStatus bucket(int number, String deployment, String revision, BucketPhase phase, Verdict verdict) {
        RolloutBucketStatus bucket = new RolloutBucketStatus();
        bucket.setBucket(number);
        bucket.setDeployments(List.of(deployment));
        bucket.setRevision(revision);
        bucket.setPhase(phase);
        bucket.setVerdict(verdict);
        bucket.setRatio(verdict == Verdict.Fail ? "0.5012" : null);
        bucket.setAllowed(verdict == Verdict.Fail ? "0.9400" : null);
        bucket.setOutcomes(verdict == Verdict.Fail ? 812L : null);
        bucket.setFailedWindows(verdict == Verdict.Fail ? 1 : 0);
        return bucket;
    }

    private static void setRollout(KubernetesClient client, String name, String revision, RolloutPhase phase, String message,
            List<RolloutBucketStatus> buckets) {
        setRollout(client, name, revision, phase, message, buckets, null);
    }

    private static void setRollout(KubernetesClient client, String name, String revision, RolloutPhase phase, String message,
            List<RolloutBucketStatus> buckets, String wave) {
        AuthBlueprint blueprint = client.resources(AuthBlueprint.class).inNamespace("default").withName(name).get();
        AuthBlueprintStatus status = new AuthBlueprintStatus();
        status.setRevision(revision);
        RolloutStatus rollout = new RolloutStatus();
        rollout.setPhase(phase);
        rollout.setRevision(revision);
        rollout.setStableRevision("aaaaaaaaaa");
        rollout.setBucket("1/" + buckets.size());
        rollout.setMessage(message);
        rollout.setWave(wave);
        rollout.setBuckets(buckets);
        status.setRollout(rollout);
        blueprint.setStatus(status);
        client.resource(blueprint).updateStatus();
    }

    private static Map<String, String> annotations(KubernetesClient client, String name) {
        Map<String, String> annotations = client.resources(AuthBlueprint.class).inNamespace("default").withName(name).get()
                .getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    @Test
    void statusShowsTheRegionWaveAndABucketWaitingForAnEarlierWave(KubernetesClient client) throws Exception {
        create(client, "plugin-wave", "1.0.0");
        setRollout(client, "plugin-wave", "bbbbbbbbbb", RolloutPhase.Progressing,
                "bucket 0 (auth-canary), 1 of 2: waiting for the earlier waves: us-east-1 (wave 1) has not passed bucket 0 yet",
                List.of(bucket(0, "auth-canary", "aaaaaaaaaa", BucketPhase.Waiting, null),
                        bucket(1, "auth-globex", "aaaaaaaaaa", BucketPhase.Pending, null)), "2/2");

        Result status = plugin("status", "plugin-wave");

        assertThat(status.exitCode()).as(status.stderr()).isZero();
        assertThat(status.stdout()).contains("Wave:       2/2 (spec.rollout.waves)").contains("us-east-1 (wave 1) has not passed bucket 0");
        assertThat(status.stdout().lines().filter(l -> l.startsWith("0 ")).findFirst()).get().asString().contains("Waiting");
    }

    @Test
    void statusShowsThePhaseAndEveryBucketAndWatchEndsWithTheRollout(KubernetesClient client) throws Exception {
        create(client, "plugin-status", "1.0.0");
        setRollout(client, "plugin-status", "bbbbbbbbbb", RolloutPhase.Halted,
                "bucket 0 (auth-canary): ratio 0.5012 over 20 s (812 outcomes) is below the allowed 0.9400",
                List.of(bucket(0, "auth-canary", "aaaaaaaaaa", BucketPhase.RolledBack, Verdict.Fail),
                        bucket(1, "auth-globex", "aaaaaaaaaa", BucketPhase.Pending, null)));

        Result status = plugin("status", "plugin-status");

        assertThat(status.exitCode()).as(status.stderr()).isZero();
        assertThat(status.stdout()).contains("Phase:      Halted").contains("Revision:   bbbbbbbbbb (stable: aaaaaaaaaa)")
                .contains("Bucket:     1/2").contains("is below the allowed 0.9400").doesNotContain("Wave:");
        assertThat(status.stdout().lines().filter(l -> l.startsWith("0 ")).findFirst()).get().asString()
                .contains("RolledBack").contains("0.5012").contains("0.9400").contains("812").contains("Fail").contains("auth-canary");
        assertThat(status.stdout().lines().filter(l -> l.startsWith("1 ")).findFirst()).get().asString()
                .contains("Pending").contains("auth-globex");

        Result halted = plugin("status", "plugin-status", "--watch", "--timeout", "20");
        assertThat(halted.exitCode()).as("a halted rollout ends the watch with a failure").isEqualTo(1);
        assertThat(halted.stderr()).contains("rollout of revision bbbbbbbbbb halted: bucket 0 (auth-canary)");

        setRollout(client, "plugin-status", "bbbbbbbbbb", RolloutPhase.Completed, "every bucket runs bbbbbbbbbb",
                List.of(bucket(0, "auth-canary", "bbbbbbbbbb", BucketPhase.Passed, Verdict.Pass)));
        Result completed = plugin("status", "plugin-status", "--watch", "--timeout", "20");
        assertThat(completed.exitCode()).as(completed.stderr()).isZero();
        assertThat(completed.stdout()).contains("rollout of revision bbbbbbbbbb completed");

        create(client, "plugin-new", "1.0.0");
        assertThat(plugin("status", "plugin-new").stdout()).contains("has no rollout status yet");
    }

    @Test
    void pauseResumeAndAbortLeaveTheirRequestOnTheBlueprint(KubernetesClient client) throws Exception {
        create(client, "plugin-steer", "1.0.0");
        setRollout(client, "plugin-steer", "cccccccccc", RolloutPhase.Progressing, "bucket 0 baking",
                List.of(bucket(0, "auth-canary", "cccccccccc", BucketPhase.Baking, Verdict.Pass)));

        assertThat(plugin("pause", "plugin-steer").exitCode()).isZero();
        assertThat(annotations(client, "plugin-steer")).containsEntry("rollout.fivenines.dev/pause", "true");
        Result resume = plugin("resume", "plugin-steer");
        assertThat(resume.exitCode()).as(resume.stderr()).isZero();
        assertThat(annotations(client, "plugin-steer")).doesNotContainKey("rollout.fivenines.dev/pause")
                .doesNotContainKey("rollout.fivenines.dev/retry");

        assertThat(plugin("abort", "plugin-steer").stdout()).contains("rollout of revision cccccccccc of plugin-steer aborted");
        assertThat(annotations(client, "plugin-steer")).containsEntry("rollout.fivenines.dev/abort", "cccccccccc");

        setRollout(client, "plugin-steer", "cccccccccc", RolloutPhase.Halted, "halted",
                List.of(bucket(0, "auth-canary", "aaaaaaaaaa", BucketPhase.RolledBack, Verdict.Fail)));
        assertThat(plugin("resume", "plugin-steer").stdout()).contains("the halted bucket starts revision cccccccccc again");
        assertThat(annotations(client, "plugin-steer")).containsEntry("rollout.fivenines.dev/retry", "cccccccccc");
    }

    @Test
    void undoAppliesThePreviousRecordedSpecAndKeepsTheRolloutSettings(KubernetesClient client) throws Exception {
        AuthBlueprint blueprint = create(client, "plugin-undo", "2.0.0");
        for (var version : List.of(Map.entry(1L, "1.0.0"), Map.entry(2L, "2.0.0"))) {
            Map<String, Object> spec = Map.of("runtime", Map.of("image", "ghcr.io/fivenines/auth-runtime", "version", version.getValue()),
                    "tokens", Map.of("issuer", "https://auth.example.com"), "storage", Map.of("homeRegion", "us-east-1"));
            ControllerRevision history = new ControllerRevision();
            history.setMetadata(new ObjectMetaBuilder().withName("plugin-undo-rev" + version.getKey()).withNamespace("default")
                    .addToLabels("fivenines.dev/blueprint", "plugin-undo").addToLabels("fivenines.dev/revision", "rev" + version.getKey())
                    .build());
            history.setRevision(version.getKey());
            history.setData(Map.of("spec", spec));
            client.resource(history).create();
        }
        setRollout(client, "plugin-undo", "rev2", RolloutPhase.Completed, "done",
                List.of(bucket(0, "auth-canary", "rev2", BucketPhase.Passed, Verdict.Pass)));

        Result undo = plugin("undo", "plugin-undo");

        assertThat(undo.exitCode()).as(undo.stderr()).isZero();
        assertThat(undo.stdout()).contains("plugin-undo's spec is revision rev1 (number 1) again");
        AuthBlueprint after = client.resource(blueprint).get();
        assertThat(after.getSpec().getRuntime().getVersion()).isEqualTo("1.0.0");
        assertThat(after.getSpec().getRollout().getBakeSeconds()).as("the rollout settings stay").isEqualTo(30);

        Result nothingEarlier = plugin("undo", "plugin-undo", "--to-revision", "7");
        assertThat(nothingEarlier.exitCode()).isNotZero();
        assertThat(nothingEarlier.stderr()).contains("no earlier revision of plugin-undo to go back to (recorded: 1 2 )");
    }
}

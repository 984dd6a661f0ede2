package dev.fivenines.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthBlueprintStatus;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.api.v1alpha1.RolloutStatus;
import dev.fivenines.testing.LocalControlPlane;
import dev.fivenines.testing.WithControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;

/** What a user sees through the real {@code kubectl} binary (on PATH): refusals on apply and the printer columns. */
@WithControlPlane(crds = {"crds/generated/authblueprints.fivenines.dev-v1.yml", "crds/generated/authdeployments.fivenines.dev-v1.yml"})
class KubectlTest {

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

    private Result kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl %s finishes", command).isTrue();
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path manifest(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void kubectlApplyOfADedicatedDeploymentWithoutCustomerFailsWithTheRuleMessage() throws Exception {
        Path file = manifest("dedicated.yaml", ApiServerValidationTest.deployment("kubectl-dedicated", "us-east-1", "variant: Dedicated"));

        Result apply = kubectl("apply", "-f", file.toString());

        assertThat(apply.exitCode()).isNotZero();
        assertThat(apply.stderr()).contains("The AuthDeployment \"kubectl-dedicated\" is invalid: spec.customer: Invalid value: \"object\": "
                + "spec.customer is required for variant Dedicated: set it to the customer this deployment serves");
    }

    @Test
    void kubectlApplyOfThreeFailoverRegionsFailsWithTheBoundMessage() throws Exception {
        Path file = manifest("edge.yaml", ApiServerValidationTest.deployment("kubectl-edge", "eu-west-1",
                "variant: Edge\nfailoverRegions: [us-east-1, us-west-2, eu-central-1]"));

        Result apply = kubectl("apply", "-f", file.toString());

        assertThat(apply.exitCode()).isNotZero();
        assertThat(apply.stderr()).contains("The AuthDeployment \"kubectl-edge\" is invalid: \n"
                + "* spec.failoverRegions: Too many: 3: must have at most 2 items\n");
    }

    @Test
    void kubectlGetShowsThePrinterColumns() throws Exception {
        Path blueprint = manifest("bp.yaml", ApiServerValidationTest.blueprint("kubectl-bp", "1.2.3", ""));
        Path deployment = manifest("ad.yaml", ApiServerValidationTest.deployment("kubectl-ad", "eu-central-1", "variant: Primary"));
        assertThat(kubectl("apply", "-f", blueprint.toString(), "-f", deployment.toString()).exitCode()).isZero();

        Result ad = kubectl("get", "ad", "kubectl-ad", "-n", "default");
        Result abp = kubectl("get", "abp", "kubectl-bp", "-n", "default");

        // The Fabric8 generator orders columns by JSON path (fabric8io/kubernetes-client#7454), so AGE comes first.
        assertThat(ad.stdout().lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("NAME", "AGE", "REGION", "VARIANT", "INSYNC", "READY", "VERSION");
        assertThat(ad.stdout()).containsPattern("kubectl-ad\\s+\\S+\\s+eu-central-1\\s+Primary");
        assertThat(abp.stdout().lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("NAME", "AGE", "VERSION", "FEASIBLE", "READY", "REVISION", "BUCKET", "ROLLOUT");
        assertThat(abp.stdout()).containsPattern("kubectl-bp\\s+\\S+\\s+1\\.2\\.3");
    }

    @Test
    void kubectlGetShowsTheRolloutPhaseAndBucket(KubernetesClient client) throws Exception {
        Path blueprint = manifest("rolling.yaml", ApiServerValidationTest.blueprint("kubectl-rolling", "1.2.3", ""));
        assertThat(kubectl("apply", "-f", blueprint.toString()).exitCode()).isZero();
        AuthBlueprint stored = client.resources(AuthBlueprint.class).inNamespace("default").withName("kubectl-rolling").get();
        RolloutStatus rollout = new RolloutStatus();
        rollout.setPhase(RolloutPhase.Halted);
        rollout.setBucket("2/4");
        AuthBlueprintStatus status = new AuthBlueprintStatus();
        status.setRollout(rollout);
        stored.setStatus(status);
        client.resource(stored).updateStatus();

        Result abp = kubectl("get", "abp", "kubectl-rolling", "-n", "default");

        // revision, feasible and ready are empty: this status has only the rollout

        assertThat(abp.stdout()).containsPattern("kubectl-rolling\\s+\\S+\\s+1\\.2\\.3\\s+2/4\\s+Halted");
    }
}

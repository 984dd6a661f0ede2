package dev.fivenines.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthBlueprintStatus;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.api.v1alpha1.RolloutStatus;
import dev.fivenines.testing.LocalControlPlane;
import dev.fivenines.testing.ProjectRoot;
import dev.fivenines.testing.WithControlPlane;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

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

        // in the order the kinds declare them, AGE last (the generator sorts them by JSON path; PrinterColumnOrder puts them back)
        assertThat(ad.stdout().lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("NAME", "VARIANT", "REGION", "VERSION", "READY", "INSYNC", "ROLE", "HEALTHY", "AGE");
        assertThat(ad.stdout()).containsPattern("kubectl-ad\\s+Primary\\s+eu-central-1");
        assertThat(abp.stdout().lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("NAME", "VERSION", "READY", "FEASIBLE", "REVISION", "ROLLOUT", "BUCKET", "AGE");
        assertThat(abp.stdout()).containsPattern("kubectl-bp\\s+1\\.2\\.3");
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

        assertThat(abp.stdout()).containsPattern("kubectl-rolling\\s+1\\.2\\.3\\s+Halted\\s+2/4\\s+\\S+");
    }

    @Test
    void kubectlGetFiveninesListsBothKinds() throws Exception {
        Path blueprint = manifest("category-bp.yaml", ApiServerValidationTest.blueprint("kubectl-category", "1.2.3", ""));
        Path deployment = manifest("category-ad.yaml", ApiServerValidationTest.deployment("kubectl-category-ad", "eu-central-1",
                "variant: Primary"));
        assertThat(kubectl("apply", "-f", blueprint.toString(), "-f", deployment.toString()).exitCode()).isZero();

        Result all = kubectl("get", "fivenines", "-n", "default", "-o", "name");

        assertThat(all.exitCode()).as(all.stderr()).isZero();
        assertThat(all.stdout().lines()).contains("authblueprint.fivenines.dev/kubectl-category",
                "authdeployment.fivenines.dev/kubectl-category-ad");
    }

    @Test
    void kubectlGetWideAddsTheReadyMessage() throws Exception {
        Path blueprint = manifest("wide-bp.yaml", ApiServerValidationTest.blueprint("kubectl-wide", "1.2.3", ""));
        Path deployment = manifest("wide-ad.yaml", ApiServerValidationTest.deployment("kubectl-wide-ad", "eu-central-1", "variant: Primary"));
        assertThat(kubectl("apply", "-f", blueprint.toString(), "-f", deployment.toString()).exitCode()).isZero();

        assertThat(kubectl("get", "ad", "kubectl-wide-ad", "-n", "default", "-o", "wide").stdout().lines().findFirst().orElseThrow()
                .split("\\s+")).containsExactly("NAME", "VARIANT", "REGION", "VERSION", "READY", "INSYNC", "ROLE", "HEALTHY", "PHASE", "MESSAGE", "AGE");
        assertThat(kubectl("get", "abp", "kubectl-wide", "-n", "default", "-o", "wide").stdout().lines().findFirst().orElseThrow()
                .split("\\s+")).containsExactly("NAME", "VERSION", "READY", "FEASIBLE", "REVISION", "ROLLOUT", "BUCKET", "REMOTE",
                        "MESSAGE", "AGE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"authblueprints.fivenines.dev-v1.yml", "authdeployments.fivenines.dev-v1.yml"})
    void kubectlExplainDescribesTheKindItsSpecItsStatusAndEachOfTheirFields(String file) throws Exception {
        CustomResourceDefinition crd = new KubernetesSerialization().unmarshal(
                Files.readString(ProjectRoot.find().resolve("crds/generated").resolve(file)), CustomResourceDefinition.class);
        String kind = crd.getSpec().getNames().getSingular();
        Map<String, JSONSchemaProps> root = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties();
        List<String> paths = new ArrayList<>(List.of(kind, kind + ".spec", kind + ".status"));
        root.get("spec").getProperties().keySet().forEach(field -> paths.add(kind + ".spec." + field));
        root.get("status").getProperties().keySet().forEach(field -> paths.add(kind + ".status." + field));

        // the API server publishes a new CRD's OpenAPI a moment after it is established
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl("explain", kind).exitCode() == 0);
        for (String path : paths) {
            Result explain = kubectl("explain", path);
            assertThat(explain.exitCode()).as("kubectl explain %s: %s", path, explain.stderr()).isZero();
            assertThat(description(explain.stdout())).as("kubectl explain %s", path).isNotBlank().isNotEqualTo("<empty>");
        }
        assertThat(description(kubectl("explain", kind).stdout())).startsWith(
                kind.equals("authblueprint") ? "The one template of an auth service" : "One deployment of an AuthBlueprint in one AWS");
    }

    /** The DESCRIPTION section of kubectl explain's output, joined into one line. */
    private static String description(String explain) {
        List<String> lines = explain.lines().toList();
        int start = lines.indexOf("DESCRIPTION:");
        if (start < 0) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (!line.startsWith(" ") && !line.isBlank()) {
                break;
            }
            text.append(' ').append(line.trim());
        }
        return text.toString().trim();
    }
}

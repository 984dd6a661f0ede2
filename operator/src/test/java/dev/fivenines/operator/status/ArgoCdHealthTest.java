package dev.fivenines.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.api.v1alpha1.RolloutStatus;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.operator.Fixtures;
import dev.fivenines.operator.cloud.CloudOutcome;
import dev.fivenines.testing.ProjectRoot;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The Argo CD health checks shipped in docs/gitops/argocd, run in a Lua interpreter against statuses the operator's
 * own calculators produce, in every state.
 */
class ArgoCdHealthTest {

    private static final Path ARGOCD = ProjectRoot.find().resolve("docs/gitops/argocd");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    record Health(String status, String message) {
    }

    private static String script(String kind) throws IOException {
        return Files.readString(ARGOCD.resolve("fivenines.dev").resolve(kind).resolve("health.lua"));
    }

    /** Runs the kind's health.lua as Argo CD does: the resource as the global {@code obj}, a table returned. */
    private static Health health(HasMetadata resource) throws IOException {
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", lua(SERIALIZATION.convertValue(resource, Map.class)));
        LuaValue result = globals.load(script(resource.getKind()), resource.getKind() + "/health.lua").call();
        return new Health(result.get("status").tojstring(), result.get("message").tojstring());
    }

    private static LuaValue lua(Object value) {
        if (value instanceof Map<?, ?> map) {
            LuaTable table = new LuaTable();
            map.forEach((k, v) -> table.set(String.valueOf(k), lua(v)));
            return table;
        }
        if (value instanceof List<?> list) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < list.size(); i++) {
                table.set(i + 1, lua(list.get(i)));
            }
            return table;
        }
        if (value instanceof Number number) {
            return LuaValue.valueOf(number.doubleValue());
        }
        if (value instanceof Boolean bool) {
            return LuaValue.valueOf(bool);
        }
        return value == null ? LuaValue.NIL : LuaValue.valueOf(String.valueOf(value));
    }

    private static AuthDeployment deployment(String region) {
        AuthDeployment d = Fixtures.deployment("ns", "auth-primary", "auth", Variant.Primary, region);
        d.getMetadata().setGeneration(2L);
        return d;
    }

    private static AuthDeployment reconciled(AuthDeployment deployment, DeploymentObservation seen) {
        deployment.setStatus(DeploymentStatusCalculator.compute(deployment, seen, T0));
        return deployment;
    }

    private static DeploymentObservation local(WorkloadState workload, List<CloudOutcome> cloud) {
        return new DeploymentObservation(true, "us-east-1", true, "rev1", "rev1", "1.4.2", workload, List.of(), cloud);
    }

    private static AuthBlueprint blueprint(List<AuthDeployment> deployments, RolloutPhase phase, String rolloutMessage) {
        AuthBlueprint blueprint = Fixtures.blueprint("ns", "auth", "1.4.2");
        blueprint.getMetadata().setGeneration(3L);
        RolloutStatus rollout = new RolloutStatus();
        rollout.setPhase(phase);
        rollout.setRevision("rev1");
        rollout.setMessage(rolloutMessage);
        blueprint.setStatus(BlueprintStatusCalculator.compute(blueprint, "rev1", deployments, "us-east-1"::equals, rollout, T0));
        return blueprint;
    }

    @Test
    void aReadyDeploymentIsHealthy() throws IOException {
        assertThat(health(reconciled(deployment("us-east-1"), local(WorkloadState.AVAILABLE, List.of()))))
                .isEqualTo(new Health("Healthy", "serving revision rev1 (1.4.2) in us-east-1"));
    }

    @Test
    void aDeploymentOfAnotherRegionIsHealthyInThisCluster() throws IOException {
        assertThat(health(reconciled(deployment("us-west-2"), DeploymentObservation.notLocal("us-east-1"))))
                .isEqualTo(new Health("Healthy", "region us-west-2 is reconciled by the operator of that region; this one serves us-east-1"));
    }

    @Test
    void aDeploymentRollingOutIsProgressing() throws IOException {
        assertThat(health(reconciled(deployment("us-east-1"), local(WorkloadState.PROGRESSING, List.of()))))
                .isEqualTo(new Health("Progressing", "waiting for the workload to roll out"));
    }

    @Test
    void aDeploymentWhoseNewGenerationIsNotYetReconciledIsProgressing() throws IOException {
        AuthDeployment deployment = reconciled(deployment("us-east-1"), local(WorkloadState.AVAILABLE, List.of()));
        deployment.getMetadata().setGeneration(3L);

        assertThat(health(deployment)).isEqualTo(new Health("Progressing", "the operator has not yet reconciled generation 3"));
    }

    @Test
    void aDeploymentWithoutStatusIsProgressing() throws IOException {
        assertThat(health(deployment("us-east-1")).status()).isEqualTo("Progressing");
    }

    @Test
    void aStalledDeploymentIsDegraded() throws IOException {
        CloudOutcome denied = CloudOutcome.failed(ConditionTypes.HEALTH_CHECK_READY, "AccessDenied", "not allowed: route53:CreateHealthCheck");

        assertThat(health(reconciled(deployment("us-east-1"), local(WorkloadState.AVAILABLE, List.of(denied)))))
                .isEqualTo(new Health("Degraded", "HealthCheckReady: not allowed: route53:CreateHealthCheck"));
    }

    @Test
    void aDeploymentWithFewerReplicasThanDeclaredIsDegraded() throws IOException {
        assertThat(health(reconciled(deployment("us-east-1"), local(WorkloadState.UNAVAILABLE, List.of()))))
                .isEqualTo(new Health("Degraded", "not ready: see the WorkloadReady condition"));
    }

    @Test
    void aBlueprintWhoseLocalDeploymentsAreReadyIsHealthyWhateverOtherRegionsDo() throws IOException {
        List<AuthDeployment> deployments = List.of(reconciled(deployment("us-east-1"), local(WorkloadState.AVAILABLE, List.of())),
                reconciled(Fixtures.deployment("ns", "auth-backup", "auth", Variant.Backup, "us-west-2"),
                        DeploymentObservation.notLocal("us-east-1")));

        assertThat(health(blueprint(deployments, RolloutPhase.Completed, "every bucket runs rev1"))).isEqualTo(new Health("Healthy",
                "all 1 deployments run revision rev1; 1 in other regions are reported by the operators of those regions"));
    }

    @Test
    void aBlueprintRollingOutIsProgressing() throws IOException {
        List<AuthDeployment> deployments = List.of(reconciled(deployment("us-east-1"), local(WorkloadState.PROGRESSING, List.of())));

        assertThat(health(blueprint(deployments, RolloutPhase.Progressing, "bucket 0: waiting for auth-primary")))
                .isEqualTo(new Health("Progressing", "0 of 1 deployments ready, 0 not yet at revision rev1; rollout: bucket 0: waiting for auth-primary"));
    }

    @Test
    void aBlueprintWithAHaltedRolloutIsDegraded() throws IOException {
        List<AuthDeployment> deployments = List.of(reconciled(deployment("us-east-1"), local(WorkloadState.AVAILABLE, List.of())));

        assertThat(health(blueprint(deployments, RolloutPhase.Halted, "bucket 0: ratio 0.7012 is below the allowed 0.9850")))
                .isEqualTo(new Health("Degraded", "the rollout of revision rev1 is halted: bucket 0: ratio 0.7012 is below the allowed 0.9850"));
    }

    @Test
    void aBlueprintWithAPausedRolloutIsSuspended() throws IOException {
        AuthDeployment behind = deployment("us-east-1");
        behind.setStatus(DeploymentStatusCalculator.compute(behind, new DeploymentObservation(true, "us-east-1", true, "rev0", "rev1",
                "1.4.1", WorkloadState.AVAILABLE, List.of(), List.of()), T0));

        assertThat(health(blueprint(List.of(behind), RolloutPhase.Paused, "paused before bucket 0")))
                .isEqualTo(new Health("Suspended", "the rollout is paused: paused before bucket 0"));
    }

    @Test
    void aBlueprintWithAStalledDeploymentIsDegraded() throws IOException {
        CloudOutcome notOwned = CloudOutcome.failed(ConditionTypes.DNS_RECORD_READY, "NotOwned", "record auth.example.com. is not ours");
        List<AuthDeployment> deployments = List.of(reconciled(deployment("us-east-1"), local(WorkloadState.AVAILABLE, List.of(notOwned))));

        assertThat(health(blueprint(deployments, RolloutPhase.Progressing, "bucket 0: waiting for auth-primary")))
                .isEqualTo(new Health("Degraded", "auth-primary: DnsRecordReady: record auth.example.com. is not ours"));
    }

    @Test
    void aBlueprintWithoutDeploymentsIsHealthy() throws IOException {
        assertThat(health(blueprint(List.of(), RolloutPhase.Completed, null)))
                .isEqualTo(new Health("Healthy", "no AuthDeployment refers to this blueprint yet"));
    }

    @Test
    void theArgoCdConfigMapSnippetCarriesTheseScriptsVerbatim() throws IOException {
        ConfigMap snippet = SERIALIZATION.unmarshal(Files.readString(ARGOCD.resolve("argocd-cm.yaml")), ConfigMap.class);

        assertThat(snippet.getData()).containsOnlyKeys("resource.customizations.health.fivenines.dev_AuthBlueprint",
                "resource.customizations.health.fivenines.dev_AuthDeployment");
        for (String kind : List.of("AuthBlueprint", "AuthDeployment")) {
            assertThat(snippet.getData().get("resource.customizations.health.fivenines.dev_" + kind))
                    .as("argocd-cm.yaml's copy of fivenines.dev/%s/health.lua", kind).isEqualTo(script(kind));
        }
    }
}

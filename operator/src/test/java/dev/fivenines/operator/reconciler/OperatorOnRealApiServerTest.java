package dev.fivenines.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.Phase;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.operator.ControlPlaneResource;
import dev.fivenines.operator.Fixtures;
import dev.fivenines.operator.desired.Labels;
import dev.fivenines.operator.status.Conditions;
import dev.fivenines.testing.KubeletStandIn;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The operator's real code path against a real kube-apiserver: it runs in region us-east-1. */
@QuarkusTest
@QuarkusTestResource(ControlPlaneResource.class)
class OperatorOnRealApiServerTest {

    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static KubeletStandIn kubelet;

    @Inject
    KubernetesClient client;

    @BeforeAll
    static void startKubeletStandIn() {
        kubelet = new KubeletStandIn(ControlPlaneResource.plane().newClient(), Labels.MANAGED_SELECTOR).start();
    }

    @AfterAll
    static void stopKubeletStandIn() {
        kubelet.close();
    }

    private String namespace(String name) {
        client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).serverSideApply();
        return name;
    }

    private AuthDeployment awaitDeployment(String namespace, String name, Predicate<AuthDeployment> condition) {
        return await().atMost(CONVERGE).until(() -> client.resources(AuthDeployment.class).inNamespace(namespace).withName(name).get(),
                d -> d != null && d.getStatus() != null && condition.test(d));
    }

    private static boolean ready(AuthDeployment d) {
        return d.getStatus().getPhase() == Phase.Ready && Conditions.isTrue(d.getStatus().getConditions(), ConditionTypes.READY);
    }

    private Deployment workload(String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    private List<Event> events(String namespace, String involved, String reason) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> involved.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())).toList();
    }

    @Test
    void primaryGetsItsWholeWorkloadAndBecomesReady() {
        String ns = namespace("primary-ready");
        AuthBlueprint blueprint = client.resource(Fixtures.blueprint(ns, "auth", "1.4.2")).create();
        client.resource(Fixtures.deployment(ns, "auth-primary", "auth", Variant.Primary, "us-east-1")).create();

        AuthDeployment ready = awaitDeployment(ns, "auth-primary", OperatorOnRealApiServerTest::ready);

        assertThat(ready.getStatus().getRuntimeVersion()).isEqualTo("1.4.2");
        assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
        assertThat(ready.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                .contains("BlueprintFound=True", "WorkloadReady=True", "InSync=True", "Ready=True");
        String revision = ready.getStatus().getBlueprintRevision();
        assertThat(client.serviceAccounts().inNamespace(ns).withName("auth-primary").get()).isNotNull();
        assertThat(client.configMaps().inNamespace(ns).withName("auth-primary-config").get().getData())
                .containsEntry("FIVENINES_REGION", "us-east-1");
        assertThat(client.services().inNamespace(ns).withName("auth-primary").get()).isNotNull();
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("auth-primary").get()).isNotNull();
        Deployment deployment = workload(ns, "auth-primary");
        assertThat(deployment.getMetadata().getLabels()).containsEntry(Labels.REVISION, revision);
        assertThat(deployment.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(ready.getMetadata().getUid()));
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/fivenines/auth-runtime:1.4.2");

        AuthBlueprint reported = await().atMost(CONVERGE).until(
                () -> client.resources(AuthBlueprint.class).inNamespace(ns).withName("auth").get(),
                b -> b.getStatus() != null && "1/1".equals(b.getStatus().getReadyDeployments()));
        assertThat(reported.getStatus().getRevision()).isEqualTo(revision);
        assertThat(reported.getStatus().getObservedGeneration()).isEqualTo(blueprint.getMetadata().getGeneration());
        assertThat(Conditions.isTrue(reported.getStatus().getConditions(), ConditionTypes.READY)).isTrue();
        assertThat(events(ns, "auth-primary", "WorkloadReady")).hasSize(1);
    }

    @Test
    void blueprintChangeReachesEveryLocalDeployment() {
        String ns = namespace("blueprint-change");
        client.resource(Fixtures.blueprint(ns, "auth", "1.4.2")).create();
        client.resource(Fixtures.deployment(ns, "auth-primary", "auth", Variant.Primary, "us-east-1")).create();
        client.resource(Fixtures.deployment(ns, "auth-acme", "auth", Variant.Dedicated, "us-east-1")).create();
        awaitDeployment(ns, "auth-primary", OperatorOnRealApiServerTest::ready);
        awaitDeployment(ns, "auth-acme", OperatorOnRealApiServerTest::ready);

        // as a GitOps tool or kubectl apply writes it: a merge patch, no optimistic lock against the operator's status writes
        client.resources(AuthBlueprint.class).inNamespace(ns).withName("auth")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"runtime\":{\"version\":\"1.5.0\"}}}");

        for (String name : List.of("auth-primary", "auth-acme")) {
            AuthDeployment updated = awaitDeployment(ns, name, d -> "1.5.0".equals(d.getStatus().getRuntimeVersion()) && ready(d));
            assertThat(workload(ns, name).getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo("ghcr.io/fivenines/auth-runtime:1.5.0");
            assertThat(workload(ns, name).getMetadata().getLabels()).containsEntry(Labels.REVISION,
                    updated.getStatus().getBlueprintRevision());
            assertThat(updated.getStatus().getDrift()).as("a blueprint change is a rollout, not drift").isNull();
            assertThat(events(ns, name, "RevisionApplied")).hasSize(2);
        }
    }

    @Test
    void missingBlueprintIsAConditionNotACrash() {
        String ns = namespace("missing-blueprint");
        client.resource(Fixtures.deployment(ns, "auth-primary", "nowhere", Variant.Primary, "us-east-1")).create();

        AuthDeployment pending = awaitDeployment(ns, "auth-primary", d -> d.getStatus().getPhase() == Phase.Pending);

        var ready = Conditions.find(pending.getStatus().getConditions(), ConditionTypes.READY).orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("BlueprintNotFound");
        assertThat(Conditions.find(pending.getStatus().getConditions(), ConditionTypes.STALLED).orElseThrow())
                .extracting(c -> c.getStatus() + "/" + c.getReason()).isEqualTo("True/BlueprintNotFound");
        assertThat(ready.getMessage()).isEqualTo("AuthBlueprint nowhere not found in namespace missing-blueprint: "
                + "create it or correct spec.blueprint; running workloads are kept as they are");
        await().atMost(CONVERGE).until(() -> events(ns, "auth-primary", "BlueprintNotFound").size() == 1);

        client.resource(Fixtures.blueprint(ns, "nowhere", "1.4.2")).create();
        awaitDeployment(ns, "auth-primary", OperatorOnRealApiServerTest::ready);
    }

    @Test
    void oneCronJobChecksTheRegionsTablesAndTheReplicasDoNot() {
        String ns = namespace("consistency");
        client.resource(Fixtures.blueprint(ns, "auth", "1.4.2")).create();
        client.resource(Fixtures.deployment(ns, "auth-acme", "auth", Variant.Dedicated, "us-east-1")).create();
        AuthDeployment primary = client.resource(Fixtures.deployment(ns, "auth-primary", "auth", Variant.Primary, "us-east-1")).create();
        client.resource(Fixtures.deployment(ns, "auth-backup", "auth", Variant.Backup, "us-west-2")).create();
        awaitDeployment(ns, "auth-primary", OperatorOnRealApiServerTest::ready);
        awaitDeployment(ns, "auth-acme", OperatorOnRealApiServerTest::ready);

        var cronJobs = client.batch().v1().cronjobs().inNamespace(ns);
        CronJob job = await().atMost(CONVERGE).until(() -> cronJobs.withName("auth-consistency-us-east-1").get(), j -> j != null);
        assertThat(cronJobs.list().getItems()).as("one per region's tables; us-west-2's is its own operator's").hasSize(1);
        assertThat(job.getMetadata().getOwnerReferences()).as("held by the region's Primary, before its Dedicated").singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(primary.getMetadata().getUid()));
        assertThat(job.getSpec().getSchedule()).isEqualTo("17 * * * *");
        assertThat(job.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        var jobSpec = job.getSpec().getJobTemplate().getSpec();
        assertThat(jobSpec.getPodFailurePolicy().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getAction()).isEqualTo("FailJob");
            assertThat(rule.getOnExitCodes().getValues()).containsExactly(1);
        });
        var pod = jobSpec.getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("auth-primary");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getContainers()).singleElement().satisfies(c -> {
            assertThat(c.getImage()).isEqualTo("ghcr.io/fivenines/auth-runtime:1.4.2");
            assertThat(c.getCommand()).contains("dev.fivenines.auth.consistency.ConsistencyCheckMain");
            assertThat(c.getEnvFrom()).anySatisfy(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo("auth-primary-config"));
        });
        assertThat(pod.getContainers().get(0).getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        for (String name : List.of("auth-primary", "auth-acme")) {
            assertThat(client.configMaps().inNamespace(ns).withName(name + "-config").get().getData())
                    .as("%s's replicas leave the check to the CronJob", name).containsEntry("FIVENINES_CONSISTENCY_INTERVAL", "off");
        }

        cronJobs.withName("auth-consistency-us-east-1").delete();
        await().atMost(CONVERGE).until(() -> {
            CronJob back = cronJobs.withName("auth-consistency-us-east-1").get();
            return back != null && back.getMetadata().getDeletionTimestamp() == null
                    && !back.getMetadata().getUid().equals(job.getMetadata().getUid());
        });

        client.resources(AuthBlueprint.class).inNamespace(ns).withName("auth")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"consistency\":{\"runAs\":\"InProcess\"}}}");
        await().atMost(CONVERGE).until(() -> cronJobs.withName("auth-consistency-us-east-1").get() == null
                && !client.configMaps().inNamespace(ns).withName("auth-primary-config").get().getData()
                        .containsKey("FIVENINES_CONSISTENCY_INTERVAL"));
    }

    @Test
    void deploymentOfAnotherRegionIsReportedNotLocalAndLeftAlone() {
        String ns = namespace("other-region");
        client.resource(Fixtures.blueprint(ns, "auth", "1.4.2")).create();
        client.resource(Fixtures.deployment(ns, "auth-backup", "auth", Variant.Backup, "us-west-2")).create();

        AuthDeployment notLocal = awaitDeployment(ns, "auth-backup", d -> d.getStatus().getPhase() == Phase.NotLocal);

        assertThat(Conditions.find(notLocal.getStatus().getConditions(), ConditionTypes.READY).orElseThrow().getMessage())
                .isEqualTo("region us-west-2 is reconciled by the operator of that region; this one serves us-east-1");
        assertThat(workload(ns, "auth-backup")).isNull();
    }

    @Test
    void blueprintIsReadyWhenItsRegionsDeploymentsAreWhileOtherRegionsAreNotLocal() {
        String ns = namespace("per-region");
        client.resource(Fixtures.blueprint(ns, "auth", "1.4.2")).create();
        client.resource(Fixtures.deployment(ns, "auth-primary", "auth", Variant.Primary, "us-east-1")).create();
        client.resource(Fixtures.deployment(ns, "auth-backup", "auth", Variant.Backup, "us-west-2")).create();

        AuthDeployment notLocal = awaitDeployment(ns, "auth-backup", d -> d.getStatus().getPhase() == Phase.NotLocal);
        assertThat(notLocal.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                .contains("Ready=True/NotLocal", "Reconciling=False/NotLocal", "Stalled=False/NotLocal");
        AuthBlueprint reported = await().atMost(CONVERGE).until(
                () -> client.resources(AuthBlueprint.class).inNamespace(ns).withName("auth").get(),
                b -> b.getStatus() != null && Conditions.isTrue(b.getStatus().getConditions(), ConditionTypes.READY));
        assertThat(reported.getStatus().getReadyDeployments()).isEqualTo("1/1");
        assertThat(reported.getStatus().getRemoteDeployments()).isEqualTo(1);
        assertThat(reported.getStatus().getObservedGeneration()).isEqualTo(reported.getMetadata().getGeneration());
        assertThat(Conditions.find(reported.getStatus().getConditions(), ConditionTypes.RECONCILING).orElseThrow().getStatus())
                .isEqualTo("False");
    }

    @Test
    void handEditsArePutBackCountedAndReported() {
        String ns = namespace("drift");
        client.resource(Fixtures.blueprint(ns, "auth", "1.4.2")).create();
        client.resource(Fixtures.deployment(ns, "auth-primary", "auth", Variant.Primary, "us-east-1")).create();
        awaitDeployment(ns, "auth-primary", OperatorOnRealApiServerTest::ready);

        client.apps().deployments().inNamespace(ns).withName("auth-primary").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("ghcr.io/somebody/else:6.6.6");
            return d;
        });
        await().atMost(CONVERGE).until(() -> workload(ns, "auth-primary").getSpec().getTemplate().getSpec().getContainers().get(0)
                .getImage().equals("ghcr.io/fivenines/auth-runtime:1.4.2"));
        AuthDeployment afterImage = awaitDeployment(ns, "auth-primary", d -> d.getStatus().getDrift() != null);
        assertThat(afterImage.getStatus().getDrift().getCorrections()).isEqualTo(1L);
        assertThat(afterImage.getStatus().getDrift().getLastObject()).isEqualTo("Deployment/auth-primary");
        assertThat(afterImage.getStatus().getDrift().getLastField()).isEqualTo("spec.template.spec.containers[0].image");
        assertThat(events(ns, "auth-primary", "DriftCorrected")).singleElement().satisfies(e -> assertThat(e.getMessage())
                .isEqualTo("Deployment auth-primary field spec.template.spec.containers[0].image was ghcr.io/somebody/else:6.6.6, "
                        + "declared ghcr.io/fivenines/auth-runtime:1.4.2; put back"));

        client.apps().deployments().inNamespace(ns).withName("auth-primary").scale(1);
        await().atMost(CONVERGE).until(() -> workload(ns, "auth-primary").getSpec().getReplicas() == 3);

        client.services().inNamespace(ns).withName("auth-primary").edit(s -> {
            s.getMetadata().getLabels().put(Labels.REVISION, "tampered");
            return s;
        });
        await().atMost(CONVERGE).until(() -> !"tampered".equals(
                client.services().inNamespace(ns).withName("auth-primary").get().getMetadata().getLabels().get(Labels.REVISION)));

        client.services().inNamespace(ns).withName("auth-primary").delete();
        await().atMost(CONVERGE).until(() -> {
            var service = client.services().inNamespace(ns).withName("auth-primary").get();
            return service != null && service.getMetadata().getDeletionTimestamp() == null;
        });

        AuthDeployment after = awaitDeployment(ns, "auth-primary", d -> d.getStatus().getDrift().getCorrections() == 4L);
        assertThat(after.getStatus().getDrift().getLastObject()).isEqualTo("Service/auth-primary");
        assertThat(Conditions.find(after.getStatus().getConditions(), ConditionTypes.IN_SYNC).orElseThrow().getReason())
                .isEqualTo("DriftCorrected");
        assertThat(events(ns, "auth-primary", "DriftCorrected")).hasSize(4);
    }

    @Test
    void aSidecarAVariableAndAnAnnotationAddedByHandAreRemovedAndReported() {
        String ns = namespace("added");
        client.resource(Fixtures.blueprint(ns, "auth", "1.4.2")).create();
        client.resource(Fixtures.deployment(ns, "auth-primary", "auth", Variant.Primary, "us-east-1")).create();
        awaitDeployment(ns, "auth-primary", OperatorOnRealApiServerTest::ready);

        // what kubectl edit does: an update by another field manager
        client.apps().deployments().inNamespace(ns).withName("auth-primary").edit(d -> {
            var template = d.getSpec().getTemplate();
            if (template.getMetadata().getAnnotations() == null) {
                template.getMetadata().setAnnotations(new java.util.HashMap<>());
            }
            template.getMetadata().getAnnotations().put("debug.example/enabled", "yes");
            template.getSpec().getContainers().get(0).getEnv().add(new io.fabric8.kubernetes.api.model.EnvVar("DEBUG_DUMP", "s3cr3t", null));
            template.getSpec().getContainers().add(new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("sniffer")
                    .withImage("ghcr.io/somebody/sniffer:1").build());
            return d;
        });
        await().atMost(CONVERGE).until(() -> {
            var template = workload(ns, "auth-primary").getSpec().getTemplate();
            return template.getSpec().getContainers().size() == 1
                    && template.getSpec().getContainers().get(0).getEnv().stream().noneMatch(e -> e.getName().equals("DEBUG_DUMP"))
                    && (template.getMetadata().getAnnotations() == null
                            || !template.getMetadata().getAnnotations().containsKey("debug.example/enabled"));
        });
        AuthDeployment after = awaitDeployment(ns, "auth-primary", d -> d.getStatus().getDrift() != null
                && d.getStatus().getDrift().getCorrections() == 3L);
        assertThat(after.getStatus().getDrift().getLastObject()).isEqualTo("Deployment/auth-primary");
        assertThat(events(ns, "auth-primary", "DriftCorrected")).extracting(e -> e.getMessage()).contains(
                "Deployment auth-primary field spec.template.spec.containers[sniffer] was added (ghcr.io/somebody/sniffer:1), not declared; "
                        + "put back",
                "Deployment auth-primary field spec.template.spec.containers[0].env[DEBUG_DUMP] was added (a value, not shown), not "
                        + "declared; put back")
                .noneMatch(message -> message.contains("s3cr3t"));
        assertThat(workload(ns, "auth-primary").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/fivenines/auth-runtime:1.4.2");
    }

    @Test
    void overridesAreAppliedAndAreNotDrift() {
        String ns = namespace("overrides");
        client.resource(Fixtures.blueprint(ns, "auth", "1.4.2")).create();
        client.resource(Fixtures.withOverrides(Fixtures.deployment(ns, "auth-acme", "auth", Variant.Dedicated, "us-east-1"))).create();

        AuthDeployment ready = awaitDeployment(ns, "auth-acme", OperatorOnRealApiServerTest::ready);

        Deployment deployment = workload(ns, "auth-acme");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(5);
        assertThat(deployment.getSpec().getTemplate().getSpec().getNodeSelector())
                .isEqualTo(Map.of("node.kubernetes.io/instance-type", "c7g.large"));
        assertThat(deployment.getSpec().getTemplate().getSpec().getTolerations()).hasSize(1);
        assertThat(ready.getStatus().getDrift()).isNull();
    }
}

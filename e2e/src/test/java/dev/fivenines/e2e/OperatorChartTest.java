package dev.fivenines.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.TemplateCommand;

import dev.fivenines.testing.Crds;
import dev.fivenines.testing.LocalControlPlane;
import dev.fivenines.testing.ProjectRoot;
import dev.fivenines.testing.WithControlPlane;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The operator's Helm chart: lints, renders, and what it renders is accepted by the real API server. */
@WithControlPlane
@SuppressWarnings("unchecked")
class OperatorChartTest {

    private static final String NAMESPACE = "fivenines-system";
    private static final String OPERATOR = "system:serviceaccount:" + NAMESPACE + ":fivenines-operator";
    /** A second release of the same name in another namespace. */
    private static final String STAGING = "fivenines-staging";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static Path chartDir() {
        return ProjectRoot.find().resolve("helm/fivenines-operator");
    }

    private static Helm chart() {
        return new Helm(chartDir());
    }

    @BeforeAll
    static void installRenderedChart(KubernetesClient client, LocalControlPlane plane) throws IOException {
        // helm install applies crds/ as they are before the templates; helm template leaves them out
        try (Stream<Path> crds = Files.list(chartDir().resolve("crds"))) {
            crds.sorted().forEach(crd -> Crds.install(client, crd));
        }
        client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted").endMetadata().build()).serverSideApply();
        String rendered = chart().template().withName("fivenines").withNamespace(NAMESPACE)
                .withKubeVersion(plane.version().getGitVersion()).set("region", "us-east-1").call();
        apply(client, RenderedChart.of(rendered), NAMESPACE);
    }

    private static boolean isClusterScoped(HasMetadata object) {
        return List.of("ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "Namespace").contains(object.getKind());
    }

    @Test
    void chartLintsCleanInStrictMode() {
        LintResult lint = chart().lint().strict().call();
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    }

    @Test
    void chartRefusesToRenderWithoutARegion() {
        assertThatThrownBy(() -> chart().template().withName("fivenines").withNamespace(NAMESPACE).withKubeVersion("1.34.4").call())
                .hasMessageContaining("set region (the AWS region of this cluster) or allRegions=true");
    }

    @Test
    void renderedOperatorRunsTwoReplicasWithLeaderElectionForItsRegion(KubernetesClient client) {
        var deployment = client.apps().deployments().inNamespace(NAMESPACE).withName("fivenines-operator").get();
        assertThat(deployment).as("the operator Deployment was applied").isNotNull();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        var env = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(env).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("FIVENINES_REGION");
            assertThat(e.getValue()).isEqualTo("us-east-1");
        });
        assertThat(env).anySatisfy(e -> assertThat(e.getName()).isEqualTo("FIVENINES_LEADER_ELECTION_LEASE_NAMESPACE"));
        assertThat(env).as("the Lease the node tests look for").anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("FIVENINES_LEADER_ELECTION_LEASE_NAME");
            assertThat(e.getValue()).isEqualTo("fivenines-operator-lease");
        });
    }

    @Test
    void operatorPodIsAdmittedWhereTheRestrictedPodSecurityStandardIsEnforced(KubernetesClient client) {
        var template = client.apps().deployments().inNamespace(NAMESPACE).withName("fivenines-operator").get().getSpec().getTemplate();
        var pod = new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName("operator-pod-check")
                .withNamespace(NAMESPACE).endMetadata().withSpec(template.getSpec()).build();
        assertThat(client.resource(pod).create().getMetadata().getUid()).isNotBlank();
        pod.getSpec().getContainers().get(0).getSecurityContext().setAllowPrivilegeEscalation(true);
        pod.getMetadata().setName("operator-pod-escalating");
        assertThatThrownBy(() -> client.resource(pod).create()).as("the check can fail")
                .hasMessageContaining("allowPrivilegeEscalation");
    }

    @Test
    void runtimeSettingsForEmulatorsReachTheOperatorsEnvironment() {
        String rendered = chart().template().withName("fivenines").withNamespace(NAMESPACE).withKubeVersion("1.34.4")
                .set("allRegions", "true").set("aws.enabled", "false")
                .set("runtime.storageEndpoints.us-east-1", "http://10.213.0.2:18000")
                .set("runtime.storageEndpoints.eu-west-1", "http://10.213.0.2:18001")
                .set("runtime.awsCredentialsSecret", "local-aws")
                .set("aws.dynamodbEndpoints.us-west-2", "http://127.0.0.1:8001").call();
        assertThat(rendered).contains("name: FIVENINES_RUNTIME_STORAGE_ENDPOINTS\n              value: \"eu-west-1=http://10.213.0.2:18001,us-east-1=http://10.213.0.2:18000\"")
                .contains("name: FIVENINES_RUNTIME_AWS_CREDENTIALS_SECRET\n              value: \"local-aws\"")
                .contains("name: FIVENINES_AWS_ENABLED\n              value: \"false\"")
                .contains("name: FIVENINES_AWS_DYNAMODB_ENDPOINTS\n              value: \"us-west-2=http://127.0.0.1:8001\"");
    }

    @Test
    void chartCrdsAreServedByTheApiServer(KubernetesClient client) {
        for (String name : List.of("authblueprints.fivenines.dev", "authdeployments.fivenines.dev")) {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
            assertThat(crd).as("CRD %s from helm/fivenines-operator/crds", name).isNotNull();
            assertThat(crd.getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("Established");
                assertThat(c.getStatus()).isEqualTo("True");
            });
        }
    }

    @Test
    void operatorMayDoWhatItsReconcilersDo(KubernetesClient client) {
        assertThat(allowed(client, "fivenines.dev", "authdeployments", "status", "patch", "team-a")).isTrue();
        assertThat(allowed(client, "fivenines.dev", "authblueprints", "", "watch", "team-a")).isTrue();
        assertThat(allowed(client, "apps", "deployments", "", "create", "team-a")).isTrue();
        assertThat(allowed(client, "", "services", "", "delete", "team-a")).isTrue();
        assertThat(allowed(client, "policy", "poddisruptionbudgets", "", "patch", "team-a")).isTrue();
        assertThat(allowed(client, "batch", "cronjobs", "", "patch", "team-a")).as("the consistency CronJobs").isTrue();
        assertThat(allowed(client, "", "events", "", "create", "team-a")).isTrue();
        assertThat(allowed(client, "coordination.k8s.io", "leases", "", "update", NAMESPACE)).isTrue();
        assertThat(allowed(client, "coordination.k8s.io", "leases", "", "patch", NAMESPACE)).as("renew the Lease").isTrue();
    }

    @Test
    void operatorMayNotDoMoreThanThat(KubernetesClient client) {
        assertThat(allowed(client, "", "secrets", "", "get", "team-a")).as("read secrets").isFalse();
        assertThat(allowed(client, "fivenines.dev", "authdeployments", "", "delete", "team-a")).as("delete what users declare").isFalse();
        assertThat(allowed(client, "coordination.k8s.io", "leases", "", "update", "team-a")).as("leases elsewhere").isFalse();
        assertThat(allowed(client, "rbac.authorization.k8s.io", "clusterroles", "", "create", "")).as("escalate").isFalse();
    }

    @Test
    void aMisspeltValueFailsTheSchemaNamingIt() {
        assertThatThrownBy(() -> render("fivenines", NAMESPACE).set("replcas", "3").call())
                .hasMessageContaining("replcas");
        assertThatThrownBy(() -> render("fivenines", NAMESPACE).set("aws.pollIntervall", "5s").call())
                .as("inside an object whose keys are fixed").hasMessageContaining("pollIntervall");
        assertThatThrownBy(() -> render("fivenines", NAMESPACE).set("logLevel", "VERBOSE").call())
                .as("a level Quarkus does not have").hasMessageContaining("logLevel");
        assertThatThrownBy(() -> render("fivenines", NAMESPACE).set("logFormat", "xml").call())
                .as("a log format the operator does not write").hasMessageContaining("logFormat");
        assertThatThrownBy(() -> render("fivenines", NAMESPACE).set("region", "us-east1").call())
                .as("a region the CRDs would refuse too").hasMessageContaining("region");
        assertThat(render("fivenines", NAMESPACE).set("podAnnotations.example\\.com/team", "platform")
                .set("aws.dynamodbEndpoints.eu-west-1", "http://127.0.0.1:8002").call())
                .as("maps stay open").contains("example.com/team: platform");
    }

    @Test
    void objectsAreNamedAfterTheRelease() {
        assertThat(RenderedChart.of(render("fivenines", NAMESPACE).call()).get(Deployment.class, "fivenines-operator")).isNotNull();
        assertThat(RenderedChart.of(render("auth", NAMESPACE).call()).get(Deployment.class, "auth-operator")).isNotNull();
        assertThat(RenderedChart.of(render("payments-operator", NAMESPACE).call()).get(Deployment.class, "payments-operator")).isNotNull();
        RenderedChart overridden = RenderedChart.of(render("fivenines", NAMESPACE).set("fullnameOverride", "auth-control").call());
        assertThat(overridden.get(Deployment.class, "auth-control").getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo("auth-control");
        assertThat(overridden.get(Deployment.class, "auth-control").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo("FIVENINES_LEADER_ELECTION_LEASE_NAME");
                    assertThat(e.getValue()).isEqualTo("auth-control-lease");
                });
    }

    @Test
    void twoReleasesInTwoNamespacesDoNotShareAnObject(KubernetesClient client) {
        RenderedChart first = RenderedChart.of(render("fivenines", NAMESPACE).call());
        RenderedChart sameNameElsewhere = RenderedChart.of(render("fivenines", STAGING).call());
        RenderedChart otherName = RenderedChart.of(render("auth", "auth-system").call());
        assertThat(clusterScopedNames(first)).hasSize(2).doesNotContainAnyElementsOf(clusterScopedNames(sameNameElsewhere))
                .doesNotContainAnyElementsOf(clusterScopedNames(otherName));
        assertThat(clusterScopedNames(sameNameElsewhere)).doesNotContainAnyElementsOf(clusterScopedNames(otherName));
        assertThat(first.find("ClusterRole", "fivenines-operator-" + NAMESPACE)).as("carries release and namespace").isPresent();

        // installed beside the first release, the second leaves the first one's rights as they were
        client.resource(new NamespaceBuilder().withNewMetadata().withName(STAGING).endMetadata().build()).serverSideApply();
        apply(client, sameNameElsewhere, STAGING);
        String staging = "system:serviceaccount:" + STAGING + ":fivenines-operator";
        assertThat(allowed(client, OPERATOR, NAMESPACE, "fivenines.dev", "authdeployments", "status", "patch", "team-a")).isTrue();
        assertThat(allowed(client, staging, STAGING, "fivenines.dev", "authdeployments", "status", "patch", "team-a")).isTrue();
        assertThat(allowed(client, staging, STAGING, "coordination.k8s.io", "leases", "", "update", NAMESPACE))
                .as("the first release's Lease").isFalse();
    }

    @Test
    void anExistingServiceAccountIsUsedByName() {
        RenderedChart rendered = RenderedChart.of(render("fivenines", NAMESPACE)
                .set("serviceAccount.create", "false").set("serviceAccount.name", "platform-operator").call());
        assertThat(rendered.ofKind("ServiceAccount")).isEmpty();
        assertThat(rendered.get(Deployment.class, "fivenines-operator").getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo("platform-operator");
        assertThat(rendered.get(ClusterRoleBinding.class, "fivenines-operator-" + NAMESPACE).getSubjects())
                .singleElement().satisfies(subject -> assertThat(subject.getName()).isEqualTo("platform-operator"));
        assertThat(rendered.get(RoleBinding.class, "fivenines-operator-leader-election").getSubjects())
                .singleElement().satisfies(subject -> assertThat(subject.getName()).isEqualTo("platform-operator"));
        assertThatThrownBy(() -> render("fivenines", NAMESPACE).set("serviceAccount.create", "false").call())
                .hasMessageContaining("serviceAccount.name");
    }

    @Test
    void serviceAccountAnnotationsGiveTheOperatorItsAwsRole() {
        String role = "arn:aws:iam::111122223333:role/fivenines-operator";
        ServiceAccount account = RenderedChart.of(render("fivenines", NAMESPACE)
                .set("serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn", role).call())
                .get(ServiceAccount.class, "fivenines-operator");
        assertThat(account.getMetadata().getAnnotations()).containsEntry("eks.amazonaws.com/role-arn", role);
    }

    @Test
    void aDisruptionBudgetKeepsOneOfTwoReplicasAndNoneIsRenderedForOne(KubernetesClient client) {
        PodDisruptionBudget budget = client.policy().v1().podDisruptionBudget().inNamespace(NAMESPACE).withName("fivenines-operator").get();
        assertThat(budget).as("rendered with the default two replicas and applied").isNotNull();
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        var podLabels = client.apps().deployments().inNamespace(NAMESPACE).withName("fivenines-operator").get()
                .getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(RenderedChart.of(render("fivenines", NAMESPACE).set("replicas", "1").call()).ofKind("PodDisruptionBudget"))
                .as("one replica: a budget would block every drain").isEmpty();
        assertThat(RenderedChart.of(render("fivenines", NAMESPACE).set("podDisruptionBudget.enabled", "false").call())
                .ofKind("PodDisruptionBudget")).isEmpty();
    }

    @Test
    void monitoringIsRenderedOnlyWhenSwitchedOn() {
        RenderedChart plain = RenderedChart.of(render("fivenines", NAMESPACE).call());
        assertThat(plain.ofKind("ServiceMonitor")).isEmpty();
        assertThat(plain.ofKind("PodMonitor")).isEmpty();
        assertThat(plain.ofKind("PrometheusRule")).isEmpty();
        assertThat(plain.ofKind("Service")).isEmpty();
        assertThatThrownBy(() -> render("fivenines", NAMESPACE).set("metrics.serviceMonitor.enabled", "true").call())
                .hasMessageContaining("metrics.service.enabled");
        assertThatThrownBy(() -> render("fivenines", NAMESPACE).set("metrics.service.enabled", "true")
                .set("metrics.serviceMonitor.enabled", "true").set("metrics.podMonitor.enabled", "true").call())
                .hasMessageContaining("twice");
    }

    @Test
    void serviceMonitorScrapesTheOperatorsMetricsThroughTheService(KubernetesClient client) {
        RenderedChart rendered = RenderedChart.of(render("fivenines", NAMESPACE).set("metrics.service.enabled", "true")
                .set("metrics.serviceMonitor.enabled", "true").set("metrics.serviceMonitor.labels.release", "kube-prometheus-stack").call());
        Service service = rendered.get(Service.class, "fivenines-operator-metrics");
        var pod = rendered.get(Deployment.class, "fivenines-operator").getSpec().getTemplate();
        assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(service.getSpec().getSelector());
        var port = service.getSpec().getPorts().get(0);
        assertThat(pod.getSpec().getContainers().get(0).getPorts()).anySatisfy(containerPort -> {
            assertThat(containerPort.getName()).isEqualTo(port.getTargetPort().getStrVal());
            assertThat(containerPort.getContainerPort()).isEqualTo(8080);
        });
        assertThat(client.resource(service).serverSideApply().getSpec().getClusterIP()).as("the API server takes the Service").isNotBlank();

        GenericKubernetesResource monitor = rendered.generic("ServiceMonitor", "fivenines-operator");
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        Map<String, String> selected = monitor.get("spec", "selector", "matchLabels");
        assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(selected);
        assertThat((List<String>) monitor.get("spec", "namespaceSelector", "matchNames")).containsExactly(NAMESPACE);
        assertThat((String) monitor.get("spec", "endpoints", 0, "port")).isEqualTo(port.getName());
        assertThat((String) monitor.get("spec", "endpoints", 0, "path")).isEqualTo("/q/metrics");
    }

    @Test
    void podMonitorScrapesTheOperatorPodsDirectly() {
        RenderedChart rendered = RenderedChart.of(render("fivenines", NAMESPACE).set("metrics.podMonitor.enabled", "true").call());
        assertThat(rendered.ofKind("Service")).as("a PodMonitor needs no Service").isEmpty();
        GenericKubernetesResource monitor = rendered.generic("PodMonitor", "fivenines-operator");
        var pod = rendered.get(Deployment.class, "fivenines-operator").getSpec().getTemplate();
        Map<String, String> selected = monitor.get("spec", "selector", "matchLabels");
        assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(selected);
        String port = monitor.get("spec", "podMetricsEndpoints", 0, "port");
        assertThat(pod.getSpec().getContainers().get(0).getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo(port));
        assertThat((String) monitor.get("spec", "podMetricsEndpoints", 0, "path")).isEqualTo("/q/metrics");
    }

    @Test
    void prometheusRuleAlertsOnSeriesTheOperatorRegisters() throws IOException {
        GenericKubernetesResource rule = RenderedChart.of(render("fivenines", NAMESPACE).set("metrics.podMonitor.enabled", "true")
                .set("metrics.prometheusRule.enabled", "true").set("metrics.prometheusRule.labels.release", "kube-prometheus-stack").call())
                .generic("PrometheusRule", "fivenines-operator");
        assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        List<Map<String, Object>> alerts = rule.get("spec", "groups", 0, "rules");
        Map<String, String> registeredBy = OperatorMetricsSource.read();
        Set<String> calledByTheOperator = OperatorMetricsSource.methodsCalledByTheOperator();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(4).allSatisfy(alert -> {
            String expr = (String) alert.get("expr");
            List<String> series = seriesIn(expr);
            assertThat(series).as("%s: %s names a series", alert.get("alert"), expr).isNotEmpty();
            for (String name : series) {
                if (name.equals("up")) {
                    continue; // Prometheus's own, one per scraped target
                }
                assertThat(registeredBy).as("%s: %s is registered in OperatorMetrics", alert.get("alert"), name).containsKey(name);
                assertThat(calledByTheOperator).as("%s: OperatorMetrics.%s, which registers %s, is called by the operator",
                        alert.get("alert"), registeredBy.get(name), name).contains(registeredBy.get(name));
            }
            assertThat(expr).as("%s reads this release's pods only", alert.get("alert"))
                    .contains("namespace=\"" + NAMESPACE + "\"").contains("pod=~\"fivenines-operator-");
            assertThat((Map<String, String>) alert.get("labels")).containsKey("severity");
        });
        assertThat(alerts).extracting(alert -> seriesIn((String) alert.get("expr")))
                .as("reconcile failures and drift corrections are watched")
                .anySatisfy(series -> assertThat(series).contains("fivenines_reconcile_failures_total"))
                .anySatisfy(series -> assertThat(series).contains("fivenines_drift_corrections_total"));
    }

    @Test
    void theRuntimesAlertsAndDashboardAreRenderedBehindTheirSwitches() throws IOException {
        RenderedChart off = RenderedChart.of(render("fivenines", NAMESPACE).call());
        assertThat(off.find("PrometheusRule", "fivenines-operator-runtime")).as("off by default").isEmpty();
        assertThat(off.find("ConfigMap", "fivenines-operator-dashboard")).as("off by default").isEmpty();

        RenderedChart on = RenderedChart.of(render("fivenines", NAMESPACE).set("metrics.runtimeRules.enabled", "true")
                .set("metrics.runtimeRules.labels.release", "kube-prometheus-stack").set("metrics.grafanaDashboard.enabled", "true").call());
        GenericKubernetesResource rule = on.generic("PrometheusRule", "fivenines-operator-runtime");
        assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        List<Map<String, Object>> alerts = rule.get("spec", "groups", 0, "rules");
        assertThat(alerts).extracting(alert -> (String) alert.get("alert")).contains("FiveninesAnswersFailing",
                "FiveninesAuthorizationRatioDropped", "FiveninesStorageBreakerOpen", "FiveninesStorageServedByOtherRegions",
                "FiveninesConsistencyDiscrepancies", "FiveninesConsistencyJobFailed");
        assertThat(alerts).allSatisfy(alert -> assertThat((Map<String, String>) alert.get("annotations")).as("Prometheus's own templating "
                + "survives Helm").hasEntrySatisfying("summary", summary -> assertThat(summary).doesNotContain("<no value>")));
        ConfigMap dashboard = on.get(ConfigMap.class, "fivenines-operator-dashboard");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        JsonNode json = new ObjectMapper().readTree(dashboard.getData().get("fivenines-runtime.json"));
        assertThat(json.path("uid").asText()).isEqualTo("fivenines-runtime");
        assertThat(json.path("panels")).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void podSettingsReachTheOperatorPodAndTheApiServerTakesThem(KubernetesClient client) {
        String namespace = "fivenines-tuned";
        RenderedChart rendered = RenderedChart.of(render("tuned", namespace)
                .set("imagePullSecrets[0].name", "registry-credentials")
                .set("podAnnotations.example\\.com/owner", "platform").set("podLabels.team", "platform")
                .set("priorityClassName", "system-cluster-critical")
                .set("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key", "kubernetes.io/arch")
                .set("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator", "In")
                .set("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0]", "amd64")
                .set("topologySpreadConstraints[0].maxSkew", "1")
                .set("topologySpreadConstraints[0].topologyKey", "topology.kubernetes.io/zone")
                .set("topologySpreadConstraints[0].whenUnsatisfiable", "ScheduleAnyway")
                .set("logLevel", "WARN").set("operatorLogLevel", "DEBUG").set("logFormat", "json")
                .set("extraEnv[0].name", "QUARKUS_LOG_CATEGORY__IO_JAVAOPERATORSDK__LEVEL").set("extraEnv[0].value", "DEBUG")
                .call());
        client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).serverSideApply();
        Deployment applied = client.resource(rendered.get(Deployment.class, "tuned-operator")).fieldManager("helm").serverSideApply();
        var pod = applied.getSpec().getTemplate();
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("example.com/owner", "platform");
        assertThat(pod.getMetadata().getLabels()).containsEntry("team", "platform")
                .containsAllEntriesOf(applied.getSpec().getSelector().getMatchLabels());
        assertThat(pod.getSpec().getImagePullSecrets()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo("registry-credentials"));
        assertThat(pod.getSpec().getPriorityClassName()).isEqualTo("system-cluster-critical");
        assertThat(pod.getSpec().getAffinity().getNodeAffinity()).isNotNull();
        assertThat(pod.getSpec().getTopologySpreadConstraints()).singleElement().satisfies(constraint ->
                assertThat(constraint.getLabelSelector().getMatchLabels()).as("defaults to this release's pods")
                        .isEqualTo(applied.getSpec().getSelector().getMatchLabels()));
        assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).as("the restricted defaults stay").isEqualTo(10001L);
        assertThat(pod.getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(pod.getSpec().getContainers().get(0).getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
                .contains("QUARKUS_LOG_LEVEL=WARN", "QUARKUS_LOG_CATEGORY__DEV_FIVENINES__LEVEL=DEBUG",
                        "QUARKUS_LOG_CATEGORY__IO_JAVAOPERATORSDK__LEVEL=DEBUG", "QUARKUS_LOG_CONSOLE_JSON_ENABLED=true");
    }

    @Test
    void notesSayWhatWasInstalledAndHowToCheckIt() {
        Release release = chart().install().withName("fivenines").withNamespace(NAMESPACE).withKubeVersion("1.34.4")
                .set("region", "us-east-1").dryRun().clientOnly().call();
        assertThat(release.getOutput()).contains("Deployment fivenines-operator")
                .contains("region us-east-1").contains("kubectl get abp,ad -A")
                .contains("kubectl apply --server-side --force-conflicts -f helm/fivenines-operator/crds/").contains("docs/operator.md");
    }

    @Test
    void theDocumentedCrdUpgradeReplacesTheCrdsHelmInstalled(KubernetesClient client) throws IOException {
        // a copy of the chart's CRD under a group of its own, created as helm install creates crds/ (an Update)
        CustomResourceDefinition installed;
        try (var in = Files.newInputStream(chartDir().resolve("crds/authdeployments.fivenines.dev-v1.yml"))) {
            installed = client.apiextensions().v1().customResourceDefinitions().load(in).item();
        }
        installed.getSpec().setGroup("upgrade-check.fivenines.dev");
        installed.getMetadata().setName(installed.getSpec().getNames().getPlural() + ".upgrade-check.fivenines.dev");
        installed.getMetadata().setResourceVersion(null);
        client.resource(installed).create();
        try {
            var version = installed.getSpec().getVersions().get(0);
            version.getSchema().getOpenAPIV3Schema().setDescription("the next release's schema");
            String dropped = version.getAdditionalPrinterColumns().remove(0).getName();

            // kubectl apply --server-side (field manager kubectl) without --force-conflicts
            assertThatThrownBy(() -> client.resource(installed).fieldManager("kubectl").serverSideApply())
                    .as("Helm's create owns the fields").hasMessageContaining("conflict");
            CustomResourceDefinition upgraded = client.resource(installed).fieldManager("kubectl").forceConflicts().serverSideApply();
            var served = upgraded.getSpec().getVersions().get(0);
            assertThat(served.getSchema().getOpenAPIV3Schema().getDescription()).isEqualTo("the next release's schema");
            assertThat(served.getAdditionalPrinterColumns()).as("a column the next release drops is gone")
                    .noneSatisfy(column -> assertThat(column.getName()).isEqualTo(dropped));
            String documented = "kubectl apply --server-side --force-conflicts -f helm/fivenines-operator/crds/";
            assertThat(Files.readString(ProjectRoot.find().resolve("docs/operator.md"))).contains(documented);
            assertThat(Files.readString(chartDir().resolve("templates/NOTES.txt"))).contains(documented);
        } finally {
            client.resource(installed).delete();
        }
    }

    @Test
    void chartLintsCleanInStrictModeWithEverySwitchOn(@TempDir Path copy) throws IOException {
        lintsCleanWith(copy.resolve("service-monitor"), Map.of("metrics", Map.of("service", Map.of("enabled", true),
                "serviceMonitor", Map.of("enabled", true), "prometheusRule", Map.of("enabled", true))),
                "Service", "ServiceMonitor", "PrometheusRule", "PodDisruptionBudget");
        lintsCleanWith(copy.resolve("pod-monitor"), Map.of("metrics", Map.of("podMonitor", Map.of("enabled", true),
                "prometheusRule", Map.of("enabled", true)), "serviceAccount", Map.of("create", false, "name", "platform-operator")),
                "PodMonitor", "PrometheusRule", "PodDisruptionBudget");
    }

    /** helm lint reads the chart's values.yaml only: lint a copy whose values.yaml has the switches on. */
    private static void lintsCleanWith(Path target, Map<String, ?> switches, String... switchedOn) throws IOException {
        Path chart = copyOfTheChart(target, switches);
        LintResult lint = new Helm(chart).lint().strict().call();
        assertThat(lint.isFailed()).as("helm lint --strict with %s: %s", switches, lint.getMessages()).isFalse();
        // lint takes a template's fail() for information only: the same values must render what they switch on
        RenderedChart rendered = RenderedChart.of(new Helm(chart).template().withName("fivenines").withNamespace(NAMESPACE)
                .withKubeVersion("1.34.4").call());
        assertThat(rendered.all()).extracting(HasMetadata::getKind).as("with %s", switches).contains(switchedOn);
    }

    private static Path copyOfTheChart(Path target, Map<String, ?> switches) throws IOException {
        try (Stream<Path> files = Files.walk(chartDir())) {
            for (Path file : files.toList()) {
                Path to = target.resolve(chartDir().relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        Map<String, Object> values = SERIALIZATION.unmarshal(Files.readString(chartDir().resolve("values.yaml")), Map.class);
        values.put("region", "us-east-1");
        merge(values, switches);
        Files.writeString(target.resolve("values.yaml"), SERIALIZATION.asYaml(values));
        return target;
    }

    private static void merge(Map<String, Object> values, Map<String, ?> overrides) {
        overrides.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested && values.get(key) instanceof Map<?, ?> existing) {
                merge((Map<String, Object>) existing, (Map<String, Object>) nested);
            } else {
                values.put(key, value);
            }
        });
    }

    /** The series a PromQL expression reads: the names directly before a selector's braces. */
    private static List<String> seriesIn(String expr) {
        return Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{").matcher(expr).results().map(m -> m.group(1)).distinct().toList();
    }

    private static List<String> clusterScopedNames(RenderedChart rendered) {
        return rendered.all().stream().filter(OperatorChartTest::isClusterScoped)
                .map(object -> object.getKind() + "/" + object.getMetadata().getName()).toList();
    }

    private static TemplateCommand render(String release, String namespace) {
        return chart().template().withName(release).withNamespace(namespace).withKubeVersion("1.34.4").set("region", "us-east-1");
    }

    private static void apply(KubernetesClient client, RenderedChart rendered, String namespace) {
        for (HasMetadata object : rendered.all()) {
            if (object.getMetadata().getNamespace() == null && !isClusterScoped(object)) {
                object.getMetadata().setNamespace(namespace);
            }
            client.resource(object).fieldManager("helm").forceConflicts().serverSideApply();
        }
    }

    private static boolean allowed(KubernetesClient client, String group, String resource, String subresource, String verb,
            String namespace) {
        return allowed(client, OPERATOR, NAMESPACE, group, resource, subresource, verb, namespace);
    }

    private static boolean allowed(KubernetesClient client, String user, String userNamespace, String group, String resource, String subresource, String verb,
            String namespace) {
        SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec()
                .withUser(user).withGroups("system:serviceaccounts", "system:serviceaccounts:" + userNamespace, "system:authenticated")
                .withResourceAttributes(new ResourceAttributesBuilder().withGroup(group).withResource(resource)
                        .withSubresource(subresource).withVerb(verb).withNamespace(namespace).build())
                .endSpec().build();
        return client.authorization().v1().subjectAccessReview().create(review).getStatus().getAllowed();
    }
}

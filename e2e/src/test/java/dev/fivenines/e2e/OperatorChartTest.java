package dev.fivenines.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

import dev.fivenines.testing.Crds;
import dev.fivenines.testing.LocalControlPlane;
import dev.fivenines.testing.ProjectRoot;
import dev.fivenines.testing.WithControlPlane;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The operator's Helm chart: lints, renders, and what it renders is accepted by the real API server. */
@WithControlPlane
class OperatorChartTest {

    private static final String NAMESPACE = "fivenines-system";
    private static final String OPERATOR = "system:serviceaccount:" + NAMESPACE + ":fivenines-operator";

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
        List<HasMetadata> objects = client.load(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8))).items();
        for (HasMetadata object : objects) {
            if (object.getMetadata().getNamespace() == null && !isClusterScoped(object)) {
                object.getMetadata().setNamespace(NAMESPACE);
            }
            client.resource(object).fieldManager("helm").forceConflicts().serverSideApply();
        }
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

    private static boolean allowed(KubernetesClient client, String group, String resource, String subresource, String verb,
            String namespace) {
        SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec()
                .withUser(OPERATOR).withGroups("system:serviceaccounts", "system:serviceaccounts:" + NAMESPACE, "system:authenticated")
                .withResourceAttributes(new ResourceAttributesBuilder().withGroup(group).withResource(resource)
                        .withSubresource(subresource).withVerb(verb).withNamespace(namespace).build())
                .endSpec().build();
        return client.authorization().v1().subjectAccessReview().create(review).getStatus().getAllowed();
    }
}

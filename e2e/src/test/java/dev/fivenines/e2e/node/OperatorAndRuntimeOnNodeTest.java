package dev.fivenines.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;

import dev.fivenines.e2e.cluster.E2eCluster;
import dev.fivenines.e2e.cluster.Images;
import dev.fivenines.e2e.cluster.WithCluster;
import dev.fivenines.tables.AuthTables;
import dev.fivenines.testing.ProjectRoot;
import dev.fivenines.testing.aws.LocalCloud;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The operator installed from its chart and image, and the auth runtime it deploys, running in real pods on a
 * real node: leader election, readiness on the real probes, the deep health check, a token and a decision through
 * the runtime's Service, pods replaced, a hand edit put back, owner references garbage-collected. Both namespaces
 * enforce the restricted Pod Security Standard. AWS is off (the sandbox issue turns it on); the runtime's storage
 * is DynamoDB Local on this machine, reached from the pods through the cluster's door.
 */
@WithCluster
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorAndRuntimeOnNodeTest {

    static final String SYSTEM = "fivenines-system";
    static final String APPS = "e2e-auth";
    static final String TENANT = "acme";
    static final String BOOTSTRAP_SECRET = "e2e-bootstrap-secret-0123456789";
    static final String DEPLOYMENT = "auth-use1-primary";
    static final Duration POD_START = Duration.ofMinutes(4);
    static final ResourceDefinitionContext AUTH_DEPLOYMENTS = new ResourceDefinitionContext.Builder()
            .withGroup("fivenines.dev").withVersion("v1alpha1").withPlural("authdeployments").withKind("AuthDeployment")
            .withNamespaced(true).build();

    static LocalCloud cloud;
    static E2eCluster.Door storage;
    static Images images;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void installOperatorAndRuntime(E2eCluster cluster, KubernetesClient client) throws Exception {
        images = cluster.images();
        cloud = LocalCloud.builder().regions(List.of("us-east-1")).route53(false).start();
        createTables();
        storage = cluster.exposeToPods(cloud.dynamoDbEndpoint("us-east-1").getPort());
        // an earlier test class may still be deleting the operator's namespace
        await("namespace " + SYSTEM + " deleted by an earlier test").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> client.namespaces().withName(SYSTEM).get() == null
                        || client.namespaces().withName(SYSTEM).get().getMetadata().getDeletionTimestamp() == null);
        for (String namespace : List.of(SYSTEM, APPS)) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                    .addToLabels("pod-security.kubernetes.io/enforce-version", "latest")
                    .endMetadata().build()).serverSideApply();
        }
        client.resource(new SecretBuilder().withNewMetadata().withName("local-aws").withNamespace(APPS).endMetadata()
                .addToStringData("AWS_ACCESS_KEY_ID", LocalCloud.ACCESS_KEY_ID)
                .addToStringData("AWS_SECRET_ACCESS_KEY", LocalCloud.SECRET_ACCESS_KEY).build()).serverSideApply();
        client.resource(new SecretBuilder().withNewMetadata().withName("auth-bootstrap").withNamespace(APPS).endMetadata()
                .addToStringData(TENANT, BOOTSTRAP_SECRET).build()).serverSideApply();

        new Helm(ProjectRoot.find().resolve("helm/fivenines-operator")).install()
                .withName("fivenines").withNamespace(SYSTEM).withKubeConfig(cluster.kubeconfig())
                .set("image.repository", images.operatorRepository()).set("image.tag", images.operatorTag())
                .set("allRegions", "true").set("aws.enabled", "false")
                .set("runtime.storageEndpoints.us-east-1", "http://" + storage.address())
                .set("runtime.awsCredentialsSecret", "local-aws")
                .waitReady().withTimeout((int) POD_START.toSeconds()).call();
    }

    private static void createTables() {
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.dynamoDbEndpoint("us-east-1"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalCloud.ACCESS_KEY_ID, LocalCloud.SECRET_ACCESS_KEY)))
                .build()) {
            // what the operator creates when AWS is on
            AuthTables.all("e2e").forEach(dynamo::createTable);
        }
    }

    @AfterAll
    static void uninstall(E2eCluster cluster, KubernetesClient client) {
        try {
            client.genericKubernetesResources(AUTH_DEPLOYMENTS).inNamespace(APPS).delete();
            new Helm(ProjectRoot.find().resolve("helm/fivenines-operator")).uninstall("fivenines")
                    .withNamespace(SYSTEM).withKubeConfig(cluster.kubeconfig()).call();
            client.namespaces().withName(APPS).delete();
            client.namespaces().withName(SYSTEM).delete();
        } finally {
            if (storage != null) {
                storage.close();
            }
            if (cloud != null) {
                cloud.close();
            }
        }
    }

    @Test
    @Order(1)
    void operatorPodsAreReadyAndOneHoldsTheLeaderLease(KubernetesClient client) {
        List<Pod> pods = operatorPods(client);
        assertThat(pods).hasSize(2).allSatisfy(pod -> assertThat(ready(pod)).as("%s ready", name(pod)).isTrue());
        assertThat(pods).allSatisfy(pod -> assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo(images.operator()));
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(leaseHolder(client))
                .as("the lease holder is one of the operator pods")
                .isIn(pods.stream().map(OperatorAndRuntimeOnNodeTest::name).toList()));
    }

    @Test
    @Order(2)
    void runtimePodsBecomeReadyAndServeThroughTheirService(E2eCluster cluster, KubernetesClient client) throws Exception {
        apply(client, blueprintYaml() + "\n---\n" + deploymentYaml());
        await().atMost(POD_START).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Deployment deployment = client.apps().deployments().inNamespace(APPS).withName(DEPLOYMENT).get();
            assertThat(deployment).as("the operator built the Deployment").isNotNull();
            assertThat(deployment.getStatus().getReadyReplicas()).as("ready runtime pods").isEqualTo(1);
        });
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(condition(client, "WorkloadReady"))
                .as("the AuthDeployment reports its real workload ready").isEqualTo("True"));

        try (E2eCluster.Door service = cluster.openService(APPS, DEPLOYMENT, 80)) {
            String base = "http://" + service.address();
            HttpResponse<String> deep = await().atMost(Duration.ofMinutes(1)).until(() -> get(base + "/q/health/deep"),
                    response -> response.statusCode() == 200);
            assertThat(deep.body()).contains("storage", "token", "decision");
            // the operator asks the same check of every Ready pod from inside the cluster
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(lastDeepHealth(client))
                    .as("status.lastDeepHealth").isEqualTo("UP on 1 of 1 pods"));

            String adminToken = token(base, "admin", BOOTSTRAP_SECRET);
            send(base + "/tenants/" + TENANT + "/admin/roles/reader", "PUT", adminToken,
                    "{\"permissions\": [\"documents:read\"], \"version\": 0}", 200, 201);
            send(base + "/tenants/" + TENANT + "/admin/access-records/alice-docs", "PUT", adminToken,
                    "{\"subject\": \"user:alice\", \"role\": \"reader\", \"resource\": \"/documents/*\", \"version\": 0}", 200, 201);
            JsonNode allowed = JSON.readTree(await().atMost(Duration.ofSeconds(30)).until(() -> send(base + "/tenants/" + TENANT
                    + "/authorize", "POST", adminToken,
                    "{\"subject\": \"user:alice\", \"permission\": \"documents:read\", \"resource\": \"/documents/q3\"}"),
                    r -> r.statusCode() == 200 && r.body().contains("\"allowed\":true")).body());
            assertThat(allowed.get("role").asText()).isEqualTo("reader");
            HttpResponse<String> denied = send(base + "/tenants/" + TENANT + "/authorize", "POST", adminToken,
                    "{\"subject\": \"user:alice\", \"permission\": \"documents:write\", \"resource\": \"/documents/q3\"}");
            assertThat(JSON.readTree(denied.body()).get("allowed").asBoolean()).isFalse();

            assertThat(get(base + "/q/metrics").statusCode()).as("metrics through the Service traffic reaches").isEqualTo(404);
            assertThat(get(base + "/stats/authorization").statusCode()).as("stats through the Service").isEqualTo(404);
        }
        Pod pod = runtimePods(client).get(0);
        try (E2eCluster.Door management = cluster.openPod(APPS, name(pod), 9000)) {
            HttpResponse<String> metrics = get("http://" + management.address() + "/q/metrics");
            assertThat(metrics.body()).as("the runtime reports the native provider signing, on its management port")
                    .containsPattern("fivenines_crypto_provider_info\\{[^}]*native=\"true\"[^}]*\\} 1");
            assertThat(get("http://" + management.address() + "/stats/authorization").body()).contains("\"window\":\"1m\"");
        }
        String log = client.pods().inNamespace(APPS).withName(name(pod)).getLog();
        assertThat(log).as("the runtime's start-up log").contains("AmazonCorrettoCryptoProvider");
    }

    @Test
    @Order(3)
    void aDeletedRuntimePodIsReplacedAndReadyAgain(KubernetesClient client) {
        Pod before = runtimePods(client).get(0);
        client.pods().inNamespace(APPS).withName(name(before)).withGracePeriod(0).delete();
        await().atMost(POD_START).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<Pod> pods = runtimePods(client);
            assertThat(pods).hasSize(1);
            assertThat(name(pods.get(0))).isNotEqualTo(name(before));
            assertThat(ready(pods.get(0))).isTrue();
        });
    }

    @Test
    @Order(4)
    void aHandEditOfTheDeploymentIsPutBackAndReported(KubernetesClient client) {
        client.apps().deployments().inNamespace(APPS).withName(DEPLOYMENT)
                .edit(d -> { d.getSpec().setReplicas(3); return d; });
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(client.apps().deployments().inNamespace(APPS)
                .withName(DEPLOYMENT).get().getSpec().getReplicas()).as("replicas put back").isEqualTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.v1().events().inNamespace(APPS).list().getItems())
                .as("a DriftCorrected event on the AuthDeployment")
                .anySatisfy(e -> {
                    assertThat(e.getReason()).isEqualTo("DriftCorrected");
                    assertThat(e.getInvolvedObject().getName()).isEqualTo(DEPLOYMENT);
                }));
    }

    @Test
    @Order(5)
    void deletingTheAuthDeploymentGarbageCollectsItsObjects(KubernetesClient client) {
        client.genericKubernetesResources(AUTH_DEPLOYMENTS).inNamespace(APPS).withName(DEPLOYMENT).delete();
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            assertThat(client.apps().deployments().inNamespace(APPS).withName(DEPLOYMENT).get()).as("Deployment").isNull();
            assertThat(client.services().inNamespace(APPS).withName(DEPLOYMENT).get()).as("Service").isNull();
            assertThat(client.configMaps().inNamespace(APPS).withName(DEPLOYMENT + "-config").get()).as("ConfigMap").isNull();
            assertThat(client.serviceAccounts().inNamespace(APPS).withName(DEPLOYMENT).get()).as("ServiceAccount").isNull();
            assertThat(client.policy().v1().podDisruptionBudget().inNamespace(APPS).withName(DEPLOYMENT).get()).as("PDB").isNull();
            assertThat(runtimePods(client)).as("pods").isEmpty();
        });
    }

    @Test
    @Order(6)
    void theSecondOperatorReplicaTakesOverWhenTheLeaderPodIsDeleted(KubernetesClient client) {
        String leader = await().atMost(Duration.ofMinutes(1)).until(() -> leaseHolder(client), Objects::nonNull);
        client.pods().inNamespace(SYSTEM).withName(leader).withGracePeriod(0).delete();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            String holder = leaseHolder(client);
            assertThat(holder).as("a new leader").isNotNull().isNotEqualTo(leader);
            Pod pod = client.pods().inNamespace(SYSTEM).withName(holder).get();
            assertThat(pod).as("the new leader is a running operator pod").isNotNull();
            assertThat(ready(pod)).isTrue();
        });
    }

    // --- helpers

    private static List<Pod> operatorPods(KubernetesClient client) {
        return client.pods().inNamespace(SYSTEM).withLabel("app.kubernetes.io/name", "fivenines-operator").list().getItems()
                .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private static List<Pod> runtimePods(KubernetesClient client) {
        return client.pods().inNamespace(APPS).withLabel("app.kubernetes.io/instance", DEPLOYMENT).list().getItems()
                .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private static String leaseHolder(KubernetesClient client) {
        Lease lease = client.leases().inNamespace(SYSTEM).withName("fivenines-operator-lease").get();
        if (lease == null || lease.getSpec().getHolderIdentity() == null) {
            return null;
        }
        return lease.getSpec().getHolderIdentity();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String name(HasMetadata object) {
        return object.getMetadata().getName();
    }

    @SuppressWarnings("unchecked")
    private static Object lastDeepHealth(KubernetesClient client) {
        GenericKubernetesResource ad = client.genericKubernetesResources(AUTH_DEPLOYMENTS).inNamespace(APPS).withName(DEPLOYMENT).get();
        return ad != null && ad.getAdditionalProperties().get("status") instanceof Map<?, ?> status ? status.get("lastDeepHealth") : null;
    }

    private static String condition(KubernetesClient client, String type) {
        GenericKubernetesResource ad = client.genericKubernetesResources(AUTH_DEPLOYMENTS).inNamespace(APPS).withName(DEPLOYMENT).get();
        if (ad == null || !(ad.getAdditionalProperties().get("status") instanceof Map<?, ?> status)) {
            return null;
        }
        List<Map<String, Object>> conditions = (List<Map<String, Object>>) status.get("conditions");
        return conditions == null ? null : conditions.stream().filter(c -> type.equals(c.get("type")))
                .map(c -> (String) c.get("status")).findFirst().orElse(null);
    }

    private static void apply(KubernetesClient client, String yaml) {
        for (HasMetadata object : client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items()) {
            client.resource(object).inNamespace(APPS).fieldManager("e2e").forceConflicts().serverSideApply();
        }
    }

    private static String blueprintYaml() {
        return """
                apiVersion: fivenines.dev/v1alpha1
                kind: AuthBlueprint
                metadata:
                  name: auth
                  namespace: %s
                spec:
                  runtime:
                    image: %s
                    version: "%s"
                    replicas: 1
                    bootstrapSecretRef:
                      name: auth-bootstrap
                    resources:
                      requests: {cpu: 100m, memory: 256Mi}
                      limits: {memory: 512Mi}
                  tokens:
                    issuer: https://auth.e2e.example
                    algorithm: ES256
                    accessTokenTtl: 15m
                    keyRotationPeriod: 720h
                  storage:
                    tablePrefix: e2e
                    homeRegion: us-east-1
                  healthCheck:
                    path: /q/health/deep
                """.formatted(APPS, images.runtimeRepository(), images.runtimeTag());
    }

    private static String deploymentYaml() {
        return """
                apiVersion: fivenines.dev/v1alpha1
                kind: AuthDeployment
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  blueprint: auth
                  variant: Primary
                  region: us-east-1
                  rolloutBucket: 0
                  dns:
                    zoneId: Z0E2E
                    recordName: auth.e2e.example
                    target: use1.lb.e2e.example
                """.formatted(DEPLOYMENT, APPS);
    }

    private static String token(String base, String clientId, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/tenants/" + TENANT + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("token endpoint: %s", response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String url, String method, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void send(String url, String method, String token, String body, int... expected) throws Exception {
        HttpResponse<String> response = send(url, method, token, body);
        assertThat(response.statusCode()).as("%s %s: %s", method, url, response.body()).isIn(java.util.Arrays.stream(expected).boxed().toList());
    }
}

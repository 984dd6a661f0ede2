package dev.fivenines.e2e.rollout;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;

import dev.fivenines.e2e.cluster.E2eCluster;
import dev.fivenines.e2e.cluster.Images;
import dev.fivenines.e2e.cluster.WithCluster;
import dev.fivenines.e2e.sandbox.RuntimeVersions;
import dev.fivenines.tables.AuthTables;
import dev.fivenines.testing.ProjectRoot;
import dev.fivenines.testing.aws.LocalCloud;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The rollout drill on the real node: three deployments in buckets 0, 1 and 2 serve decision traffic; a bad
 * version (the same build with its drill fault failing half of the decisions) reaches bucket 0 only, the
 * gate halts the rollout on the authorization ratio the operator reads from the pods, bucket 0 goes back
 * to the version it ran, and buckets 1 and 2 never run the bad version. Then a good version rolls through
 * every bucket to Completed. The figures go to the build's output (docs/benchmarks.md quotes them).
 */
@WithCluster
class RolloutDrillOnNodeTest {

    static final String SYSTEM = "fivenines-system";
    static final String APPS = "e2e-rollout";
    /** Each bucket's own tenant: a Dedicated deployment serves its customer's tenant only. */
    static final Map<String, String> TENANTS = Map.of("auth-canary", "canary", "auth-globex", "globex", "auth-primary", "acme");
    static final String SECRET = "e2e-rollout-secret-0123456789";
    /** Bucket order: the canary customer first, then a dedicated customer, then the primary. */
    static final List<String> BUCKETS = List.of("auth-canary", "auth-globex", "auth-primary");
    static final Duration POD_START = Duration.ofMinutes(4);
    static final int WINDOW_SECONDS = 20;
    static final int BASELINE_SECONDS = 60;
    static final ResourceDefinitionContext BLUEPRINTS = context("authblueprints", "AuthBlueprint");
    static final ResourceDefinitionContext DEPLOYMENTS = context("authdeployments", "AuthDeployment");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String DECISION = "{\"subject\":\"user:alice\",\"permission\":\"documents:read\",\"resource\":\"/documents/a\"}";

    static LocalCloud cloud;
    static E2eCluster.Door storage;
    static Images images;
    static E2eCluster.DrillVersions versions;
    static final List<E2eCluster.Door> doors = new ArrayList<>();
    static final AtomicBoolean traffic = new AtomicBoolean();
    static final List<Thread> senders = new ArrayList<>();
    /** Every answer: when, to which deployment, which status. */
    static final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

    record Answer(Instant at, String deployment, int status) {
    }

    private static ResourceDefinitionContext context(String plural, String kind) {
        return new ResourceDefinitionContext.Builder().withGroup("fivenines.dev").withVersion("v1alpha1").withPlural(plural)
                .withKind(kind).withNamespaced(true).build();
    }

    @BeforeAll
    static void install(E2eCluster cluster, KubernetesClient client) throws Exception {
        images = cluster.images();
        versions = cluster.drillVersions();
        cloud = LocalCloud.builder().regions(List.of("us-east-1")).route53(false).start();
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.dynamoDbEndpoint("us-east-1"))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalCloud.ACCESS_KEY_ID, LocalCloud.SECRET_ACCESS_KEY))).build()) {
            AuthTables.all("drill").forEach(dynamo::createTable);
        }
        storage = cluster.exposeToPods(cloud.dynamoDbEndpoint("us-east-1").getPort());
        // an earlier test class may still be deleting the operator's namespace
        await("namespace " + SYSTEM + " deleted by an earlier test").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> client.namespaces().withName(SYSTEM).get() == null
                        || client.namespaces().withName(SYSTEM).get().getMetadata().getDeletionTimestamp() == null);
        for (String namespace : List.of(SYSTEM, APPS)) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .addToLabels("pod-security.kubernetes.io/enforce", "restricted").endMetadata().build()).serverSideApply();
        }
        client.resource(new SecretBuilder().withNewMetadata().withName("local-aws").withNamespace(APPS).endMetadata()
                .addToStringData("AWS_ACCESS_KEY_ID", LocalCloud.ACCESS_KEY_ID)
                .addToStringData("AWS_SECRET_ACCESS_KEY", LocalCloud.SECRET_ACCESS_KEY).build()).serverSideApply();
        client.resource(new SecretBuilder().withNewMetadata().withName("auth-bootstrap").withNamespace(APPS).endMetadata()
                .addToStringData(Map.of("canary", SECRET, "globex", SECRET, "acme", SECRET)).build()).serverSideApply();
        new Helm(ProjectRoot.find().resolve("helm/fivenines-operator")).install()
                .withName("fivenines").withNamespace(SYSTEM).withKubeConfig(cluster.kubeconfig())
                .set("image.repository", images.operatorRepository()).set("image.tag", images.operatorTag())
                .set("allRegions", "true").set("aws.enabled", "false")
                .set("runtime.storageEndpoints.us-east-1", "http://" + storage.address())
                .set("runtime.awsCredentialsSecret", "local-aws")
                .waitReady().withTimeout((int) POD_START.toSeconds()).call();
    }

    @AfterAll
    static void uninstall(E2eCluster cluster, KubernetesClient client) {
        traffic.set(false);
        senders.forEach(thread -> {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        doors.forEach(E2eCluster.Door::close);
        try {
            client.genericKubernetesResources(DEPLOYMENTS).inNamespace(APPS).delete();
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
    void aBadVersionHaltsInBucketZeroAndIsRolledBackThenAGoodVersionReachesEveryBucket(E2eCluster cluster, KubernetesClient client)
            throws Exception {
        String original = images.runtimeTag();
        apply(client, blueprint(original) + deployments());
        await("every deployment ready at " + original).atMost(POD_START).pollInterval(Duration.ofSeconds(3))
                .until(() -> BUCKETS.stream().allMatch(name -> runs(client, name, original)));
        await("the first rollout is complete").atMost(Duration.ofMinutes(1))
                .until(() -> "Completed".equals(rollout(client).path("phase").asText()));

        startTraffic(cluster);
        say("decision traffic to every bucket; " + BASELINE_SECONDS + " s for the baseline");
        Thread.sleep((BASELINE_SECONDS + 5) * 1000L);

        // the bad version
        Instant badApplied = Instant.now();
        setVersion(client, versions.drillFault());
        Instant badReady = await("bucket 0 runs the bad version").atMost(POD_START).pollInterval(Duration.ofSeconds(1))
                .until(() -> runs(client, BUCKETS.get(0), versions.drillFault()) ? Instant.now() : null, t -> t != null);
        JsonNode halted = await("the gate halts the rollout").atMost(Duration.ofSeconds(WINDOW_SECONDS * 4L))
                .pollInterval(Duration.ofSeconds(1)).until(() -> rollout(client), r -> "Halted".equals(r.path("phase").asText()));
        Instant haltedAt = Instant.now();
        String message = halted.path("message").asText();
        say("halted: " + message);
        assertThat(message).contains("bucket 0").contains(BUCKETS.get(0)).containsPattern("ratio 0\\.[0-9]{4}")
                .containsPattern("allowed 0\\.[0-9]{4}");
        Instant rolledBack = await("bucket 0 is rolled back").atMost(POD_START).pollInterval(Duration.ofSeconds(1))
                .until(() -> runs(client, BUCKETS.get(0), original) ? Instant.now() : null, t -> t != null);
        long failedDuringBad = answers.stream().filter(a -> a.deployment().equals(BUCKETS.get(0)) && a.status() == 500
                && !a.at().isBefore(badReady.minusSeconds(30)) && !a.at().isAfter(rolledBack)).count();

        for (String later : BUCKETS.subList(1, BUCKETS.size())) {
            assertThat(images(client, later)).as("%s never ran the bad version", later)
                    .noneMatch(image -> image.endsWith(":" + versions.drillFault()));
            assertThat(deployment(client, later).path("status").path("runtimeVersion").asText()).isEqualTo(original);
        }
        assertThat(eventReasons(client)).contains("Halted", "RolledBack");

        // the good version
        Instant goodApplied = Instant.now();
        setVersion(client, versions.next());
        await("the good version completes every bucket").atMost(Duration.ofMinutes(12)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    JsonNode r = rollout(client);
                    return "Completed".equals(r.path("phase").asText()) && BUCKETS.stream().allMatch(n -> runs(client, n, versions.next()));
                });
        Instant goodDone = Instant.now();
        long goodFailed = answers.stream().filter(a -> a.status() >= 500 && a.at().isAfter(goodApplied)).count();
        long goodTotal = answers.stream().filter(a -> a.at().isAfter(goodApplied)).count();

        say(String.format("FIGURES: bad version applied -> its first Ready pod in bucket 0: %d s; that pod Ready -> halt: %d s; "
                + "halt -> rollback complete: %d s; decisions answered 500 by bucket 0 from 30 s before its bad pod was Ready to the "
                + "rollback: %d; good version through %d buckets: %d s (%d of %d decisions failed)", seconds(badApplied, badReady),
                seconds(badReady, haltedAt), seconds(haltedAt, rolledBack), failedDuringBad, BUCKETS.size(), seconds(goodApplied, goodDone),
                goodFailed, goodTotal));
        assertThat(goodFailed).as("the good version fails no decision").isZero();
    }

    /** The drill's progress and figures on the build's output (docs/benchmarks.md quotes the figures). */
    private static void say(String line) {
        System.out.println("[rollout drill] " + line);
    }

    private static long seconds(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds();
    }

    /** Decisions to every bucket, about a grant that exists, so a healthy version answers every one allowed. */
    private void startTraffic(E2eCluster cluster) throws Exception {
        traffic.set(true);
        for (String name : BUCKETS) {
            E2eCluster.Door door = cluster.openService(APPS, name, 80);
            doors.add(door);
            String base = "http://" + door.address();
            String tenant = TENANTS.get(name);
            String token = token(base, tenant);
            admin(base, tenant, token, "/roles/reader", "{\"permissions\": [\"documents:read\"], \"version\": 0}");
            admin(base, tenant, token, "/access-records/alice-docs",
                    "{\"subject\": \"user:alice\", \"role\": \"reader\", \"resource\": \"/documents/*\", \"version\": 0}");
            await("decisions are allowed by " + name).atMost(Duration.ofMinutes(1)).until(() -> HTTP.send(HttpRequest.newBuilder(
                    URI.create(base + "/tenants/" + tenant + "/authorize")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(DECISION))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body().contains("\"allowed\":true"));
            Thread sender = new Thread(() -> send(name, base, tenant, token), "decisions-" + name);
            sender.setDaemon(true);
            sender.start();
            senders.add(sender);
        }
    }

    private static void send(String name, String base, String tenant, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/tenants/" + tenant + "/authorize"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DECISION))
                .timeout(Duration.ofSeconds(5)).build();
        while (traffic.get()) {
            int status;
            try {
                status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                status = -1;
            }
            answers.add(new Answer(Instant.now(), name, status));
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void admin(String base, String tenant, String token, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/tenants/" + tenant + "/admin" + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PUT %s: %s", path, response.body()).isIn(200, 201);
    }

    private static String token(String base, String tenant) throws Exception {
        String form = "grant_type=client_credentials&client_id=admin&client_secret=" + URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
        HttpResponse<String> response = await().atMost(Duration.ofMinutes(1)).until(() -> HTTP.send(HttpRequest.newBuilder(
                URI.create(base + "/tenants/" + tenant + "/oauth2/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == 200);
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static JsonNode rollout(KubernetesClient client) {
        GenericKubernetesResource blueprint = client.genericKubernetesResources(BLUEPRINTS).inNamespace(APPS).withName("auth").get();
        return JSON.valueToTree(blueprint).path("status").path("rollout");
    }

    private static JsonNode deployment(KubernetesClient client, String name) {
        return JSON.valueToTree(client.genericKubernetesResources(DEPLOYMENTS).inNamespace(APPS).withName(name).get());
    }

    /** Whether the deployment reports the version applied and its workload ready. */
    private static boolean runs(KubernetesClient client, String name, String version) {
        return RuntimeVersions.runs(deployment(client, name), version);
    }

    private static List<String> images(KubernetesClient client, String name) {
        return RuntimeVersions.imagesEverRun(client, APPS, name);
    }

    private static List<String> eventReasons(KubernetesClient client) {
        return client.v1().events().inNamespace(APPS).list().getItems().stream()
                .filter(e -> "AuthBlueprint".equals(e.getInvolvedObject().getKind())).map(e -> e.getReason()).toList();
    }

    /** A merge patch, as a GitOps tool or kubectl apply writes: no optimistic lock against the operator's status writes. */
    private static void setVersion(KubernetesClient client, String version) {
        client.genericKubernetesResources(BLUEPRINTS).inNamespace(APPS).withName("auth").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"runtime\":{\"version\":\"" + version + "\"}}}");
    }

    private static void apply(KubernetesClient client, String yaml) {
        for (HasMetadata object : client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items()) {
            client.resource(object).inNamespace(APPS).fieldManager("e2e").forceConflicts().serverSideApply();
        }
    }

    private static String blueprint(String version) {
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
                    issuer: https://auth.drill.example
                    algorithm: ES256
                    accessTokenTtl: 15m
                    keyRotationPeriod: 720h
                  storage:
                    tablePrefix: drill
                    homeRegion: us-east-1
                  rollout:
                    bakeSeconds: 20
                    analysis:
                      windowSeconds: %d
                      intervalSeconds: 5
                      minOutcomes: 50
                    gate:
                      allowance: 0.05
                      baseline: PreviousRevision
                      baselineSeconds: %d
                    failedWindowsToHalt: 1
                """.formatted(APPS, images.runtimeRepository(), version, WINDOW_SECONDS, BASELINE_SECONDS);
    }

    private static String deployments() {
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put(BUCKETS.get(0), "variant: Dedicated\n  customer: canary");
        variants.put(BUCKETS.get(1), "variant: Dedicated\n  customer: globex");
        variants.put(BUCKETS.get(2), "variant: Primary");
        StringBuilder yaml = new StringBuilder();
        int bucket = 0;
        for (var entry : variants.entrySet()) {
            yaml.append("""
                    ---
                    apiVersion: fivenines.dev/v1alpha1
                    kind: AuthDeployment
                    metadata:
                      name: %s
                      namespace: %s
                    spec:
                      blueprint: auth
                      %s
                      region: us-east-1
                      rolloutBucket: %d
                    """.formatted(entry.getKey(), APPS, entry.getValue(), bucket++));
        }
        return "\n" + yaml;
    }
}

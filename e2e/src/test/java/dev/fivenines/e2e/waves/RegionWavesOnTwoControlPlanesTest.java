package dev.fivenines.e2e.waves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fivenines.testing.Crds;
import dev.fivenines.testing.KubeletStandIn;
import dev.fivenines.testing.LocalControlPlane;
import dev.fivenines.testing.ProjectRoot;
import dev.fivenines.testing.aws.LocalCloud;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Region waves with two operators on two control planes, as two regional clusters run them: the same manifests in
 * both (a blueprint with waves [us-east-1] then [eu-west-1], and the four AuthDeployments, two buckets per region),
 * each operator a process of its own in its region, AWS on against the local cloud (DynamoDB Local per region with
 * global-table replication). The operators share nothing but the auth table's global table.
 *
 * <ul>
 * <li>A bad version halts in us-east-1's bucket 0 and is rolled back there; eu-west-1 never gives it to any
 * deployment and says it waits because the revision halted in us-east-1.</li>
 * <li>A good version: eu-west-1 starts each bucket only after us-east-1 passed it — checked on every poll, reading
 * eu-west-1 first and us-east-1 after — and both complete.</li>
 * </ul>
 * Runtime pods are stand-ins here (no node): each region's pods answer the operator's scrape with counters from an
 * {@link OutcomeServer}; the real pods' rollout is {@code RolloutDrillOnNodeTest}.
 */
class RegionWavesOnTwoControlPlanesTest {

    private static final String EAST = "us-east-1";
    private static final String WEST = "eu-west-1";
    private static final String NAMESPACE = "waves";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceDefinitionContext BLUEPRINTS = new ResourceDefinitionContext.Builder().withGroup("fivenines.dev")
            .withVersion("v1alpha1").withKind("AuthBlueprint").withPlural("authblueprints").withNamespaced(true).build();
    private static final ResourceDefinitionContext DEPLOYMENTS = new ResourceDefinitionContext.Builder().withGroup("fivenines.dev")
            .withVersion("v1alpha1").withKind("AuthDeployment").withPlural("authdeployments").withNamespaced(true).build();

    @TempDir
    static Path work;

    private static LocalCloud cloud;
    private static final Map<String, Region> REGIONS = new LinkedHashMap<>();

    /** One regional cluster: its control plane, its operator, and the stand-ins for its node. */
    record Region(String name, LocalControlPlane plane, KubernetesClient client, KubeletStandIn kubelet, PodStandIn pods,
            OutcomeServer outcomes, OperatorProcess operator) {
    }

    @BeforeAll
    static void startTwoRegions() throws Exception {
        cloud = LocalCloud.builder().regions(List.of(EAST, WEST)).route53(false).start();
        for (String region : List.of(EAST, WEST)) {
            LocalControlPlane plane = LocalControlPlane.start();
            KubernetesClient client = plane.newClient();
            Path root = ProjectRoot.find();
            Crds.install(client, root.resolve("crds/generated/authblueprints.fivenines.dev-v1.yml"));
            Crds.install(client, root.resolve("crds/generated/authdeployments.fivenines.dev-v1.yml"));
            client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).serverSideApply();
            KubeletStandIn kubelet = new KubeletStandIn(plane.newClient(), "app.kubernetes.io/managed-by=fivenines-operator").start();
            PodStandIn pods = new PodStandIn(plane.newClient()).start();
            OutcomeServer outcomes = new OutcomeServer();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("FIVENINES_REGION", region);
            env.put("FIVENINES_RUNTIME_MANAGEMENT_PORT", Integer.toString(outcomes.port()));
            env.put("FIVENINES_AWS_ENABLED", "true");
            env.put("FIVENINES_AWS_DYNAMODB_ENDPOINTS", cloud.dynamoDbEndpoints().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
            env.put("FIVENINES_AWS_POLL_INTERVAL", "5s");
            env.put("FIVENINES_AWS_BUSY_RETRY", "1s");
            env.put("AWS_ACCESS_KEY_ID", LocalCloud.ACCESS_KEY_ID);
            env.put("AWS_SECRET_ACCESS_KEY", LocalCloud.SECRET_ACCESS_KEY);
            env.put("AWS_REGION", region);
            OperatorProcess operator = OperatorProcess.start("operator-" + region, plane.kubeconfigYaml(), env, work);
            REGIONS.put(region, new Region(region, plane, client, kubelet, pods, outcomes, operator));
        }
    }

    @AfterAll
    static void stopEverything() {
        for (Region region : REGIONS.values()) {
            region.operator().close();
            region.pods().close();
            region.kubelet().close();
            region.outcomes().close();
            region.client().close();
            region.plane().close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    // --- the manifests, the same in both clusters --------------------------------------------------------------

    private static final String BLUEPRINT = """
            apiVersion: fivenines.dev/v1alpha1
            kind: AuthBlueprint
            metadata: {name: auth, namespace: waves}
            spec:
              runtime: {image: fivenines/auth-runtime, version: 1.4.2, replicas: 1}
              tokens: {issuer: https://auth.example.com}
              storage: {tablePrefix: waves, homeRegion: us-east-1}
              rollout:
                bakeSeconds: 3
                analysis: {windowSeconds: 10, intervalSeconds: 2, minOutcomes: 20}
                gate: {baseline: Floor, floor: 0.95}
                failedWindowsToHalt: 1
                waves: [{regions: [us-east-1]}, {regions: [eu-west-1]}]
              reliability:
                dependencies: [{name: dynamodb-regional, availability: "99.99"}]
            """;

    private static String deployment(String name, String region, int bucket) {
        return """
                apiVersion: fivenines.dev/v1alpha1
                kind: AuthDeployment
                metadata: {name: %s, namespace: waves}
                spec: {blueprint: auth, variant: Dedicated, customer: %s, region: %s, rolloutBucket: %d}
                """.formatted(name, name, region, bucket);
    }

    private static final List<String> MANIFESTS = List.of(BLUEPRINT, deployment("use1-canary", EAST, 0), deployment("use1-acme", EAST, 1),
            deployment("euw1-canary", WEST, 0), deployment("euw1-acme", WEST, 1));

    private static void applyEverywhere(String yaml) {
        for (Region region : REGIONS.values()) {
            HasMetadata object = region.client().getKubernetesSerialization()
                    .unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
            region.client().resource(object).create();
        }
    }

    /** A GitOps sync of a new version: the same merge patch to both clusters at once. */
    private static void setVersionEverywhere(String version) {
        for (Region region : REGIONS.values()) {
            region.client().genericKubernetesResources(BLUEPRINTS).inNamespace(NAMESPACE).withName("auth")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"runtime\":{\"version\":\"" + version + "\"}}}");
        }
    }

    // --- reading what kubectl would show ----------------------------------------------------------------------

    private static JsonNode rollout(String region) {
        GenericKubernetesResource blueprint = REGIONS.get(region).client().genericKubernetesResources(BLUEPRINTS).inNamespace(NAMESPACE)
                .withName("auth").get();
        return JSON.valueToTree(blueprint).path("status").path("rollout");
    }

    private static JsonNode bucket(JsonNode rollout, int bucket) {
        for (JsonNode b : rollout.path("buckets")) {
            if (b.path("bucket").asInt() == bucket) {
                return b;
            }
        }
        return JSON.missingNode();
    }

    private static JsonNode deploymentStatus(String region, String name) {
        return JSON.valueToTree(REGIONS.get(region).client().genericKubernetesResources(DEPLOYMENTS).inNamespace(NAMESPACE)
                .withName(name).get()).path("status");
    }

    /** The revision the managed Deployment's pods are given: what the cluster actually runs. */
    private static String runs(String region, String name) {
        Deployment deployment = REGIONS.get(region).client().apps().deployments().inNamespace(NAMESPACE).withName(name).get();
        return deployment == null ? null : deployment.getSpec().getTemplate().getMetadata().getLabels().get("fivenines.dev/revision");
    }

    private static JsonNode awaitRollout(String region, Duration atMost, Predicate<JsonNode> condition) {
        try {
            return await().atMost(atMost).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() -> rollout(region), condition::test);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the rollout in " + region + " did not get there: " + rollout(region).toPrettyString()
                    + "\noperator log (last lines):\n" + REGIONS.get(region).operator().tail(40), e);
        }
    }

    private static void awaitDeploymentReady(String region, String name, Duration atMost) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> "Ready".equals(deploymentStatus(region, name).path("phase").asText()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(name + " in " + region + " did not become Ready: " + deploymentStatus(region, name).toPrettyString()
                    + "\noperator log (last lines):\n" + REGIONS.get(region).operator().tail(60), e);
        }
    }

    private static boolean completedAt(JsonNode rollout, String revision) {
        return "Completed".equals(rollout.path("phase").asText()) && revision.equals(rollout.path("revision").asText());
    }

    // --- the test -----------------------------------------------------------------------------------------------

    @Test
    void aLaterWaveStartsABucketOnlyAfterTheEarlierPassedItAndNeverRunsARevisionThatHaltedThere() {
        MANIFESTS.forEach(RegionWavesOnTwoControlPlanesTest::applyEverywhere);
        Instant began = Instant.now();
        JsonNode east = awaitRollout(EAST, Duration.ofSeconds(120), r -> "Completed".equals(r.path("phase").asText()));
        String first = east.path("revision").asText();
        awaitRollout(WEST, Duration.ofSeconds(60), r -> completedAt(r, first));
        assertThat(rollout(EAST).path("wave").asText()).isEqualTo("1/2");
        assertThat(rollout(WEST).path("wave").asText()).isEqualTo("2/2");
        // a first rollout has no baseline, so it completes as it starts: each deployment becomes Ready on its own pass
        for (String name : List.of("use1-canary", "use1-acme")) {
            awaitDeploymentReady(EAST, name, Duration.ofSeconds(90));
        }
        System.out.println("[region waves] both regions Ready at the first revision " + first + " after "
                + Duration.between(began, Instant.now()).toSeconds() + " s");

        // --- a bad version: halted in us-east-1's first bucket, never run in eu-west-1
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
        ConcurrentLinkedQueue<String> westRan = new ConcurrentLinkedQueue<>();
        watch.scheduleWithFixedDelay(() -> {
            try {
                westRan.add(runs(WEST, "euw1-canary"));
                westRan.add(runs(WEST, "euw1-acme"));
            } catch (RuntimeException e) {
                // a failed read is not an observation
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        REGIONS.get(EAST).outcomes().failing(true);
        setVersionEverywhere("1.5.0-bad");
        JsonNode halted = awaitRollout(EAST, Duration.ofSeconds(90), r -> "Halted".equals(r.path("phase").asText()));
        String bad = halted.path("revision").asText();
        assertThat(bad).isNotEqualTo(first);
        assertThat(halted.path("message").asText()).contains("bucket 0 (use1-canary)").contains("below the allowed 0.9500");
        awaitRollout(EAST, Duration.ofSeconds(30), r -> "RolledBack".equals(bucket(r, 0).path("phase").asText()));
        await().atMost(Duration.ofSeconds(30)).until(() -> first.equals(runs(EAST, "use1-canary")));
        assertThat(runs(EAST, "use1-acme")).isEqualTo(first);
        JsonNode westWaiting = awaitRollout(WEST, Duration.ofSeconds(30), r -> bad.equals(r.path("revision").asText())
                && r.path("message").asText().contains("halted in us-east-1 (wave 1)"));
        assertThat(bucket(westWaiting, 0).path("phase").asText()).isEqualTo("Waiting");
        System.out.println("[region waves] eu-west-1 while us-east-1 is halted: " + westWaiting.path("message").asText());
        // give eu-west-1's operator several passes in which it could go wrong
        await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(9)).until(() -> true);
        watch.shutdownNow();
        assertThat(westRan).isNotEmpty().doesNotContain(bad);
        assertThat(events(WEST)).anySatisfy(e -> assertThat(e).startsWith("WaitingForWave: "));

        // --- a good version: each bucket in eu-west-1 starts only after us-east-1 passed it
        REGIONS.get(EAST).outcomes().failing(false);
        setVersionEverywhere("1.6.0");
        Instant changed = Instant.now();
        List<String> violations = new ArrayList<>();
        Map<String, Instant> firstSeen = new LinkedHashMap<>();
        String good = null;
        Instant deadline = changed.plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            // eu-west-1 first, us-east-1 after: a bucket started in the west must already show as passed in the east
            JsonNode west = rollout(WEST);
            String westCanary = runs(WEST, "euw1-canary");
            String westAcme = runs(WEST, "euw1-acme");
            JsonNode eastNow = rollout(EAST);
            String target = eastNow.path("revision").asText();
            if (target.equals(bad) || target.equals(first)) {
                sleep(200);
                continue;
            }
            good = target;
            if (target.equals(westCanary)) {
                firstSeen.putIfAbsent("euw1-canary started", Instant.now());
                if (!eastPassed(eastNow, 0, target)) {
                    violations.add("euw1-canary runs " + target + " while us-east-1's bucket 0 is " + bucket(eastNow, 0).path("phase").asText());
                }
            }
            if (target.equals(westAcme)) {
                firstSeen.putIfAbsent("euw1-acme started", Instant.now());
                if (!eastPassed(eastNow, 1, target)) {
                    violations.add("euw1-acme runs " + target + " while us-east-1's bucket 1 is " + bucket(eastNow, 1).path("phase").asText());
                }
            }
            if (eastPassed(eastNow, 0, target)) {
                firstSeen.putIfAbsent("use1 bucket 0 passed", Instant.now());
            }
            if (completedAt(eastNow, target)) {
                firstSeen.putIfAbsent("use1 completed", Instant.now());
            }
            if (completedAt(west, target)) {
                firstSeen.putIfAbsent("euw1 completed", Instant.now());
                break;
            }
            sleep(200);
        }
        assertThat(violations).isEmpty();
        assertThat(firstSeen).as("what was seen of the good version, in order").containsKeys("use1 bucket 0 passed", "euw1-canary started",
                "use1 completed", "euw1-acme started", "euw1 completed");
        assertThat(good).isNotNull();
        for (String name : List.of("use1-canary", "use1-acme")) {
            assertThat(runs(EAST, name)).isEqualTo(good);
        }
        for (String name : List.of("euw1-canary", "euw1-acme")) {
            assertThat(runs(WEST, name)).isEqualTo(good);
        }
        StringBuilder figures = new StringBuilder("[region waves] FIGURES good version, seconds after the change:");
        firstSeen.forEach((what, at) -> figures.append(" ").append(what).append("=").append(Duration.between(changed, at).toMillis() / 1000.0));
        System.out.println(figures);
        assertThat(REGIONS.values()).allSatisfy(r -> assertThat(r.operator().alive()).as(r.name() + " operator").isTrue());
    }

    private static boolean eastPassed(JsonNode east, int bucket, String revision) {
        return completedAt(east, revision) || (revision.equals(east.path("revision").asText())
                && "Passed".equals(bucket(east, bucket).path("phase").asText()) && revision.equals(bucket(east, bucket).path("revision").asText()));
    }

    private static List<String> events(String region) {
        return REGIONS.get(region).client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> "AuthBlueprint".equals(e.getInvolvedObject().getKind())).map(e -> e.getReason() + ": " + e.getMessage()).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.fivenines.e2e.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;

import dev.fivenines.e2e.cluster.E2eCluster;
import dev.fivenines.e2e.cluster.Images;
import dev.fivenines.e2e.cluster.WithCluster;
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
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HealthCheckObservation;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Failover drills on the real node, with the operator installed from its chart with AWS on against the local cloud:
 * DynamoDB Local in two regions, moto's Route 53, and Route 53's health checkers probing the runtime's deep health
 * through a door to each deployment's Service (the door stands in for the load balancer the record points at).
 *
 * <ol>
 * <li>us-east-1's DynamoDB endpoint goes down, the only region of the primary's storage chain: its deep health answers
 * 503, its health check turns unhealthy after the failure threshold, and {@code kubectl get ad} shows the backup
 * serving. The endpoint comes back: the primary serves again. The times are compared with interval × threshold.</li>
 * <li>{@code spec.evacuate} on the primary: the backup serves and nothing is deleted; cleared, the primary serves.</li>
 * <li>Deleting the primary with the default deletion policy leaves its record and health check in Route 53.</li>
 * </ol>
 * The figures go to the build's output (docs/operator.md quotes them).
 */
@WithCluster
class FailoverDrillOnNodeTest {

    static final String SYSTEM = "fivenines-system";
    static final String APPS = "e2e-failover";
    static final String TENANT = "acme";
    static final String PRIMARY = "auth-primary";
    static final String BACKUP = "auth-backup";
    static final String RECORD = "auth.drill.example";
    static final String PRIMARY_TARGET = "192.0.2.10";
    static final String BACKUP_TARGET = "192.0.2.20";
    /** Route 53's documented health-check interval the blueprint declares; the local checkers keep it (no shortcut). */
    static final int INTERVAL_SECONDS = 10;
    static final int FAILURE_THRESHOLD = 2;
    /** How often the operator reads Route 53 again (chart value aws.pollInterval). */
    static final int POLL_SECONDS = 5;
    static final Duration POD_START = Duration.ofMinutes(4);
    static final ResourceDefinitionContext BLUEPRINTS = context("authblueprints", "AuthBlueprint");
    static final ResourceDefinitionContext DEPLOYMENTS = context("authdeployments", "AuthDeployment");
    static final ObjectMapper JSON = new ObjectMapper();

    static LocalCloud cloud;
    static Route53Client route53;
    static String zoneId;
    static Images images;
    static final List<E2eCluster.Door> doors = new ArrayList<>();
    static final List<String> figures = new ArrayList<>();

    private static ResourceDefinitionContext context(String plural, String kind) {
        return new ResourceDefinitionContext.Builder().withGroup("fivenines.dev").withVersion("v1alpha1").withPlural(plural)
                .withKind(kind).withNamespaced(true).build();
    }

    @BeforeAll
    static void install(E2eCluster cluster, KubernetesClient client) throws Exception {
        images = cluster.images();
        cloud = LocalCloud.builder().regions(List.of("us-east-1", "us-west-2")).start();
        route53 = Route53Client.builder().region(Region.AWS_GLOBAL).endpointOverride(cloud.route53Endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCloud.ACCESS_KEY_ID,
                        LocalCloud.SECRET_ACCESS_KEY))).build();
        String id = route53.createHostedZone(z -> z.name("drill.example.").callerReference(UUID.randomUUID().toString()))
                .hostedZone().id();
        zoneId = id.substring(id.lastIndexOf('/') + 1);

        // what the pods reach: each region's DynamoDB endpoint and Route 53, through doors into the node's network
        E2eCluster.Door east = door(cluster.exposeToPods(cloud.dynamoDbEndpoint("us-east-1").getPort()));
        E2eCluster.Door west = door(cluster.exposeToPods(cloud.dynamoDbEndpoint("us-west-2").getPort()));
        E2eCluster.Door dns = door(cluster.exposeToPods(cloud.route53Endpoint().getPort()));

        await("namespace " + SYSTEM + " deleted by an earlier test").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> client.namespaces().withName(SYSTEM).get() == null
                        || client.namespaces().withName(SYSTEM).get().getMetadata().getDeletionTimestamp() == null);
        for (String namespace : List.of(SYSTEM, APPS)) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .addToLabels("pod-security.kubernetes.io/enforce", "restricted").endMetadata().build()).serverSideApply();
            client.resource(new SecretBuilder().withNewMetadata().withName("local-aws").withNamespace(namespace).endMetadata()
                    .addToStringData("AWS_ACCESS_KEY_ID", LocalCloud.ACCESS_KEY_ID)
                    .addToStringData("AWS_SECRET_ACCESS_KEY", LocalCloud.SECRET_ACCESS_KEY).build()).serverSideApply();
        }
        client.resource(new SecretBuilder().withNewMetadata().withName("auth-bootstrap").withNamespace(APPS).endMetadata()
                .addToStringData(TENANT, "e2e-failover-secret-0123456789").build()).serverSideApply();
        new Helm(ProjectRoot.find().resolve("helm/fivenines-operator")).install()
                .withName("fivenines").withNamespace(SYSTEM).withKubeConfig(cluster.kubeconfig())
                .set("image.repository", images.operatorRepository()).set("image.tag", images.operatorTag())
                .set("replicas", "1").set("allRegions", "true").set("aws.enabled", "true")
                .set("aws.credentialsSecret", "local-aws").set("aws.pollInterval", POLL_SECONDS + "s")
                .set("aws.route53Endpoint", "http://" + dns.address())
                .set("aws.dynamodbEndpoints.us-east-1", "http://" + east.address())
                .set("aws.dynamodbEndpoints.us-west-2", "http://" + west.address())
                .set("runtime.storageEndpoints.us-east-1", "http://" + east.address())
                .set("runtime.storageEndpoints.us-west-2", "http://" + west.address())
                .set("runtime.awsCredentialsSecret", "local-aws")
                .waitReady().withTimeout((int) POD_START.toSeconds()).call();
    }

    private static E2eCluster.Door door(E2eCluster.Door door) {
        doors.add(door);
        return door;
    }

    @AfterAll
    static void uninstall(E2eCluster cluster, KubernetesClient client) {
        figures.forEach(FailoverDrillOnNodeTest::say);
        try {
            client.genericKubernetesResources(DEPLOYMENTS).inNamespace(APPS).delete();
            client.genericKubernetesResources(BLUEPRINTS).inNamespace(APPS).delete();
            new Helm(ProjectRoot.find().resolve("helm/fivenines-operator")).uninstall("fivenines")
                    .withNamespace(SYSTEM).withKubeConfig(cluster.kubeconfig()).call();
            client.namespaces().withName(APPS).delete();
            client.namespaces().withName(SYSTEM).delete();
        } finally {
            doors.forEach(E2eCluster.Door::close);
            if (route53 != null) {
                route53.close();
            }
            if (cloud != null) {
                cloud.close();
            }
        }
    }

    @Test
    void aRegionLosingItsStorageFailsOverAndBackAnEvacuationMovesTrafficAndADeletionLeavesDns(E2eCluster cluster,
            KubernetesClient client) throws Exception {
        apply(client, blueprint() + deployments());
        await("both deployments' pods ready").atMost(POD_START).pollInterval(Duration.ofSeconds(3))
                .until(() -> workloadReady(client, PRIMARY) && workloadReady(client, BACKUP));
        // Route 53 checks each record's target; the doors to the Services stand in for the load balancers at those addresses
        routeChecks(cluster, PRIMARY, PRIMARY_TARGET);
        routeChecks(cluster, BACKUP, BACKUP_TARGET);
        // the checks existed before their doors did: Route 53 counts them healthy after threshold successful probes
        await("the primary serves and every checker sees it healthy, the backup stands by").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> role(client, PRIMARY).equals("Active") && role(client, BACKUP).equals("Standby")
                        && "8/8".equals(deployment(client, PRIMARY).path("status").path("serving").path("healthyCheckers").asText()));
        JsonNode serving = deployment(client, PRIMARY).path("status").path("serving");
        say("steady: primary " + serving);
        assertThat(serving.path("answeredBy").asText()).isEqualTo(PRIMARY);
        assertThat(serving.path("healthyCheckers").asText()).isEqualTo("8/8");
        assertThat(condition(client, PRIMARY, "Healthy").path("status").asText()).isEqualTo("True");
        String primaryCheck = serving.path("healthCheckId").asText();
        assertThat(primaryCheck).isNotBlank();
        // The operator's 8/8 may still be Route 53's "new health check" answer, or a checker may have one failed probe
        // it does not report yet: the drill starts only once every checker's latest probe succeeded, for two intervals
        await("every Route 53 checker's own latest probe of the primary succeeded, for two intervals").atMost(Duration.ofMinutes(3))
                .during(Duration.ofSeconds(2L * INTERVAL_SECONDS)).pollInterval(Duration.ofSeconds(1))
                .until(() -> probedHealthy(primaryCheck));
        say("steady: Route 53 checkers " + reports(primaryCheck));

        storageLossFailsOverAndBack(client, primaryCheck);
        evacuationMovesTrafficAndBack(client, primaryCheck);
        deletionLeavesRecordAndHealthCheck(client, primaryCheck);
    }

    /** Drill 1: the primary's only storage region goes down, then comes back. */
    private void storageLossFailsOverAndBack(KubernetesClient client, String primaryCheck) {
        Instant down = Instant.now();
        cloud.faults("us-east-1").stop();
        say("us-east-1's DynamoDB endpoint stopped (the primary's whole storage chain)");
        String before = reports(primaryCheck);
        Instant checkUnhealthy = await("Route 53 sees the primary unhealthy").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).until(() -> healthyCheckers(primaryCheck) == 0 ? Instant.now() : null, t -> t != null);
        Instant shown = await("kubectl shows the backup serving").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> role(client, PRIMARY).equals("FailedOver") && role(client, BACKUP).equals("Active")
                        ? Instant.now() : null, t -> t != null);
        await("the blueprint lists the record answered by the backup").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> recordServedBy(client).equals(BACKUP + " primaryServing=false"));
        JsonNode primary = deployment(client, PRIMARY).path("status");
        say("failed over: primary serving " + primary.path("serving") + "; lastDeepHealth " + primary.path("lastDeepHealth"));
        assertThat(primary.path("serving").path("answeredBy").asText()).isEqualTo(BACKUP);
        assertThat(primary.path("lastDeepHealth").asText()).startsWith("DOWN");
        assertThat(condition(client, PRIMARY, "Healthy").path("status").asText()).isEqualTo("False");
        assertThat(eventReasons(client, PRIMARY)).contains("FailedOver");
        assertThat(eventReasons(client, BACKUP)).contains("TookOver");
        long detect = seconds(down, checkUnhealthy);
        figures.add(String.format("FIGURES storage loss: endpoint down -> Route 53 unhealthy %d s (interval %d s x threshold %d = %d s); "
                + "-> kubectl shows the backup serving %d s (poll %d s)", detect, INTERVAL_SECONDS, FAILURE_THRESHOLD,
                INTERVAL_SECONDS * FAILURE_THRESHOLD, seconds(down, shown), POLL_SECONDS));
        // Route 53 cannot call an endpoint unhealthy before threshold consecutive failed checks, one interval apart
        assertThat(detect).as("detection follows interval x threshold; checkers at the stop: %s; at detection: %s", before,
                reports(primaryCheck)).isBetween((long) (FAILURE_THRESHOLD - 1) * INTERVAL_SECONDS - 1,
                (long) (FAILURE_THRESHOLD + 1) * INTERVAL_SECONDS + 10);
        assertThat(seconds(checkUnhealthy, shown)).as("the status follows within a poll or two").isLessThanOrEqualTo(3L * POLL_SECONDS + 10);

        Instant up = Instant.now();
        cloud.faults("us-east-1").start();
        Instant healthyAgain = await("Route 53 sees the primary healthy again").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).until(() -> healthyCheckers(primaryCheck) == 8 ? Instant.now() : null, t -> t != null);
        Instant back = await("kubectl shows the primary serving again").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> role(client, PRIMARY).equals("Active") && role(client, BACKUP).equals("Standby")
                        ? Instant.now() : null, t -> t != null);
        assertThat(eventReasons(client, PRIMARY)).contains("FailedBack");
        assertThat(eventReasons(client, BACKUP)).contains("BackToStandby");
        figures.add(String.format("FIGURES storage back: endpoint up -> Route 53 healthy %d s; -> kubectl shows the primary serving %d s",
                seconds(up, healthyAgain), seconds(up, back)));
    }

    /** Drill 2: evacuate the primary (planned failover), then clear it. */
    private void evacuationMovesTrafficAndBack(KubernetesClient client, String primaryCheck) {
        int recordsBefore = records().size();
        Instant asked = Instant.now();
        patch(client, PRIMARY, "{\"spec\":{\"evacuate\":true}}");
        Instant evacuated = await("the backup serves while the primary is evacuated").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).until(() -> role(client, PRIMARY).equals("Evacuated") && role(client, BACKUP).equals("Active")
                        ? Instant.now() : null, t -> t != null);
        assertThat(condition(client, PRIMARY, "Evacuated").path("status").asText()).isEqualTo("True");
        assertThat(route53.getHealthCheck(h -> h.healthCheckId(primaryCheck)).healthCheck().healthCheckConfig().inverted())
                .as("evacuation inverts the primary's health check").isTrue();
        assertThat(records()).as("nothing is deleted").hasSize(recordsBefore);
        assertThat(eventReasons(client, PRIMARY)).contains("Evacuated");

        Instant cleared = Instant.now();
        patch(client, PRIMARY, "{\"spec\":{\"evacuate\":null}}");
        Instant back = await("the primary serves again").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> role(client, PRIMARY).equals("Active") && role(client, BACKUP).equals("Standby") ? Instant.now() : null,
                        t -> t != null);
        assertThat(route53.getHealthCheck(h -> h.healthCheckId(primaryCheck)).healthCheck().healthCheckConfig().inverted()).isFalse();
        figures.add(String.format("FIGURES evacuation: spec.evacuate set -> kubectl shows the backup serving %d s; cleared -> the primary "
                + "serving %d s", seconds(asked, evacuated), seconds(cleared, back)));
    }

    /** Drill 3: delete the primary with the default deletion policy (Retain). */
    private void deletionLeavesRecordAndHealthCheck(KubernetesClient client, String primaryCheck) {
        client.genericKubernetesResources(DEPLOYMENTS).inNamespace(APPS).withName(PRIMARY).delete();
        await("the primary AuthDeployment is gone").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> client.genericKubernetesResources(DEPLOYMENTS).inNamespace(APPS).withName(PRIMARY).get() == null);
        assertThat(records()).as("the primary's failover record stays").anyMatch(r -> PRIMARY.equals(r.setIdentifier()));
        assertThat(route53.getHealthCheck(h -> h.healthCheckId(primaryCheck)).healthCheck().id()).isEqualTo(primaryCheck);
        assertThat(eventReasons(client, PRIMARY)).contains("DnsRetained");
    }

    private static void routeChecks(E2eCluster cluster, String deployment, String target) {
        E2eCluster.Door door = door(cluster.openService(APPS, deployment, 80));
        int port = Integer.parseInt(door.address().substring(door.address().lastIndexOf(':') + 1));
        cloud.healthCheckRoutes().route(target, 80, port);
    }

    /** How many of the check's eight checkers report it healthy; -1 while Route 53 answers with fewer observations. */
    private static int healthyCheckers(String healthCheckId) {
        List<HealthCheckObservation> observations = observations(healthCheckId);
        return observations.size() < 8 ? -1 : (int) observations.stream().map(HealthCheckObservation::statusReport)
                .filter(report -> report.status().startsWith("Success")).count();
    }

    /**
     * Every checker reports a probe's 2xx, and that probe is its latest (a checker keeps reporting its last agreeing
     * probe while fewer than threshold probes disagree, so an older time means the newest probe failed).
     */
    private static boolean probedHealthy(String healthCheckId) {
        Instant fresh = Instant.now().minusSeconds(INTERVAL_SECONDS + 5L);
        List<HealthCheckObservation> observations = observations(healthCheckId);
        return observations.size() == 8 && observations.stream().map(HealthCheckObservation::statusReport)
                .allMatch(report -> report.status().startsWith("Success: HTTP Status Code 2") && report.checkedTime() != null
                        && report.checkedTime().isAfter(fresh));
    }

    private static String reports(String healthCheckId) {
        return observations(healthCheckId).stream().map(o -> o.regionAsString() + "=" + o.statusReport().status() + " @"
                + o.statusReport().checkedTime()).toList().toString();
    }

    private static List<HealthCheckObservation> observations(String healthCheckId) {
        return route53.getHealthCheckStatus(s -> s.healthCheckId(healthCheckId)).healthCheckObservations();
    }

    private static List<ResourceRecordSet> records() {
        return route53.listResourceRecordSets(l -> l.hostedZoneId(zoneId)).resourceRecordSets().stream()
                .filter(r -> r.name().equals(RECORD + ".")).toList();
    }

    private static void say(String line) {
        System.out.println("[failover drill] " + line);
    }

    private static long seconds(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds();
    }

    private static JsonNode deployment(KubernetesClient client, String name) {
        GenericKubernetesResource resource = client.genericKubernetesResources(DEPLOYMENTS).inNamespace(APPS).withName(name).get();
        return resource == null ? JSON.createObjectNode() : JSON.valueToTree(resource);
    }

    /** The blueprint's status.records entry of the drill's record: who Route 53 answers it with. */
    private static String recordServedBy(KubernetesClient client) {
        GenericKubernetesResource blueprint = client.genericKubernetesResources(BLUEPRINTS).inNamespace(APPS).withName("auth").get();
        JsonNode records = blueprint == null ? JSON.createArrayNode() : JSON.valueToTree(blueprint).path("status").path("records");
        return find(records, r -> RECORD.equals(r.path("recordName").asText()))
                .map(r -> r.path("answeredBy").asText() + " primaryServing=" + r.path("primaryServing").asText()).orElse("");
    }

    private static String role(KubernetesClient client, String name) {
        return deployment(client, name).path("status").path("serving").path("role").asText("");
    }

    private static JsonNode condition(KubernetesClient client, String name, String type) {
        return find(deployment(client, name).path("status").path("conditions"), c -> type.equals(c.path("type").asText()))
                .orElse(JSON.createObjectNode());
    }

    private static Optional<JsonNode> find(JsonNode array, Predicate<JsonNode> test) {
        for (JsonNode node : array) {
            if (test.test(node)) {
                return Optional.of(node);
            }
        }
        return Optional.empty();
    }

    private static boolean workloadReady(KubernetesClient client, String name) {
        return "True".equals(condition(client, name, "WorkloadReady").path("status").asText());
    }

    private static List<String> eventReasons(KubernetesClient client, String name) {
        return client.v1().events().inNamespace(APPS).list().getItems().stream()
                .filter(e -> "AuthDeployment".equals(e.getInvolvedObject().getKind()) && name.equals(e.getInvolvedObject().getName()))
                .map(e -> e.getReason()).toList();
    }

    private static void patch(KubernetesClient client, String name, String mergePatch) {
        client.genericKubernetesResources(DEPLOYMENTS).inNamespace(APPS).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                mergePatch);
    }

    private static void apply(KubernetesClient client, String yaml) {
        for (HasMetadata object : client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items()) {
            client.resource(object).inNamespace(APPS).fieldManager("e2e").forceConflicts().serverSideApply();
        }
    }

    private static String blueprint() {
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
                    tablePrefix: failover
                    homeRegion: us-east-1
                  healthCheck:
                    path: /q/health/deep
                    protocol: HTTP
                    port: 80
                    intervalSeconds: %d
                    failureThreshold: %d
                """.formatted(APPS, images.runtimeRepository(), images.runtimeTag(), INTERVAL_SECONDS, FAILURE_THRESHOLD);
    }

    private static String deployments() {
        return """
                ---
                apiVersion: fivenines.dev/v1alpha1
                kind: AuthDeployment
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  blueprint: auth
                  variant: Primary
                  region: us-east-1
                  dns: {zoneId: %s, recordName: %s, target: %s}
                ---
                apiVersion: fivenines.dev/v1alpha1
                kind: AuthDeployment
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  blueprint: auth
                  variant: Backup
                  region: us-west-2
                  backupOf: %s
                  dns: {target: %s}
                """.formatted(PRIMARY, APPS, zoneId, RECORD, PRIMARY_TARGET, BACKUP, APPS, PRIMARY, BACKUP_TARGET);
    }
}

package dev.fivenines.e2e.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fivenines.testing.aws.LocalCloud;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The running sandbox as {@code e2e/bin/run} describes it in its state folder ({@code cloud.properties},
 * {@code sandbox.properties}): the cluster, the local cloud's control API, Route 53, each deployment's door and the
 * bootstrap tenant. What the drills act on and read.
 */
public final class Sandbox implements AutoCloseable {

    static final ResourceDefinitionContext DEPLOYMENTS = context("authdeployments", "AuthDeployment");
    public static final ResourceDefinitionContext BLUEPRINTS = context("authblueprints", "AuthBlueprint");
    public static final ObjectMapper JSON = new ObjectMapper();
    /** The runtime's management port in its pods: probes, metrics, stats. */
    static final int MANAGEMENT_PORT = 9000;

    private final Path state;
    private final Properties cloud;
    private final Properties sandbox;
    private final KubernetesClient kubernetes;
    private final Route53Client route53;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Sandbox(Path state, Properties cloud, Properties sandbox) throws IOException {
        this.state = state;
        this.cloud = cloud;
        this.sandbox = sandbox;
        this.kubernetes = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(Path.of(required(sandbox, "kubeconfig"))))).build();
        this.route53 = Route53Client.builder().region(Region.AWS_GLOBAL).endpointOverride(URI.create(required(cloud, "route53")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCloud.ACCESS_KEY_ID,
                        LocalCloud.SECRET_ACCESS_KEY))).build();
    }

    /** The sandbox whose state is in {@code state}; fails with what to run when none is up. */
    public static Sandbox open(Path state) throws IOException {
        Path cloudFile = state.resolve("cloud.properties");
        Path sandboxFile = state.resolve("sandbox.properties");
        if (!Files.exists(cloudFile) || !Files.exists(sandboxFile)) {
            throw new IllegalStateException("No sandbox runs with its state in " + state + ": start it with e2e/bin/run "
                    + "(FIVENINES_STATE_DIR names another state folder) and wait until it prints its next steps");
        }
        return new Sandbox(state, load(cloudFile), load(sandboxFile));
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The sandbox's state lacks " + key + "; restart it with e2e/bin/run");
        }
        return value;
    }

    public KubernetesClient kubernetes() {
        return kubernetes;
    }

    public Route53Client route53() {
        return route53;
    }

    public HttpClient http() {
        return http;
    }

    public String namespace() {
        return sandbox.getProperty("namespace", "default");
    }

    public String tenant() {
        return required(sandbox, "tenant");
    }

    public String secret() {
        return required(sandbox, "secret");
    }

    /** A client of the tenant kept in storage (its grants read DynamoDB), and its secret. */
    public String client() {
        return required(sandbox, "client");
    }

    public String clientSecret() {
        return required(sandbox, "clientSecret");
    }

    /** The drill's bad runtime version (e2e/bin/build-drill-images): a share of its decisions answer 500. */
    public String faultVersion() {
        return required(sandbox, "faultVersion");
    }

    /** The reasons of the events about a blueprint. */
    public List<String> blueprintEventReasons(String blueprint) {
        return kubernetes.v1().events().inNamespace(namespace()).list().getItems().stream()
                .filter(e -> "AuthBlueprint".equals(e.getInvolvedObject().getKind()) && blueprint.equals(e.getInvolvedObject().getName()))
                .map(io.fabric8.kubernetes.api.model.Event::getReason).toList();
    }

    /** The platform API's credential (the Secret auth-platform). */
    public String platformCredential() {
        return required(sandbox, "platform");
    }

    /** The sandbox's state folder: what a drill keeps between runs on the same sandbox. */
    public Path state() {
        return state;
    }

    /** A region's DynamoDB endpoint, as this machine reaches it. */
    public URI dynamoDbEndpoint(String region) {
        return URI.create(required(cloud, "dynamodb." + region));
    }

    public String zoneId() {
        return required(cloud, "zone");
    }

    /** 127.0.0.1:PORT through which this machine reaches the deployment's Service. */
    public String door(String deployment) {
        return required(cloud, "door." + deployment);
    }

    /** The record target (a load balancer's name) whose health checks go through the deployment's door. */
    public String target(String deployment) {
        return required(cloud, "target." + deployment);
    }

    /** The deployment whose record target is {@code target}. */
    public String deploymentOfTarget(String target) {
        return cloud.stringPropertyNames().stream().filter(k -> k.startsWith("target.") && target.equalsIgnoreCase(cloud.getProperty(k)))
                .map(k -> k.substring("target.".length())).findFirst()
                .orElseThrow(() -> new IllegalStateException("No deployment's record target is " + target));
    }

    /** Stops or starts a region's DynamoDB endpoint through the local cloud's control API. */
    public void storage(String region, boolean listening) throws IOException, InterruptedException {
        control("/storage/" + region + (listening ? "/start" : "/stop"));
    }

    private String control(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(required(cloud, "control") + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("The local cloud refused " + path + ": " + answer.body());
        }
        return answer.body().trim();
    }

    public JsonNode deployment(String name) {
        GenericKubernetesResource resource = kubernetes.genericKubernetesResources(DEPLOYMENTS).inNamespace(namespace()).withName(name).get();
        return resource == null ? JSON.createObjectNode() : JSON.valueToTree(resource);
    }

    public JsonNode blueprint(String name) {
        GenericKubernetesResource resource = kubernetes.genericKubernetesResources(BLUEPRINTS).inNamespace(namespace()).withName(name).get();
        return resource == null ? JSON.createObjectNode() : JSON.valueToTree(resource);
    }

    /** What {@code kubectl get ad} shows in its serving columns: Active, Standby, FailedOver, Evacuated... */
    public String role(String deployment) {
        return deployment(deployment).path("status").path("serving").path("role").asText("");
    }

    public void patchDeployment(String name, String mergePatch) {
        kubernetes.genericKubernetesResources(DEPLOYMENTS).inNamespace(namespace()).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }

    /** The reasons of the events about an object, newest last. */
    public List<String> eventReasons(String involvedName) {
        return kubernetes.v1().events().inNamespace(namespace()).list().getItems().stream()
                .filter(e -> involvedName.equals(e.getInvolvedObject().getName()))
                .sorted(java.util.Comparator.comparing(e -> String.valueOf(e.getLastTimestamp())))
                .map(io.fabric8.kubernetes.api.model.Event::getReason).toList();
    }

    /**
     * The Prometheus text of a deployment's runtime, from its first Ready pod's management port (9000), which no Service
     * exposes: through a door the local cloud opens to that pod.
     */
    public String metrics(String deployment) throws IOException, InterruptedException {
        String ip = kubernetes.pods().inNamespace(namespace()).withLabel("app.kubernetes.io/instance", deployment).list().getItems()
                .stream().filter(pod -> pod.getStatus() != null && pod.getStatus().getPodIP() != null && pod.getStatus().getConditions()
                        .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .map(pod -> pod.getStatus().getPodIP()).sorted().findFirst()
                .orElseThrow(() -> new IllegalStateException("No Ready pod of " + deployment));
        String door = control("/expose?name=management-" + ip + "&service=" + ip + ":" + MANAGEMENT_PORT);
        return http.send(HttpRequest.newBuilder(URI.create("http://" + door + "/q/metrics")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The sum of a metric's samples whose labels contain {@code labels} (e.g. {@code region="us-east-1"}). */
    public static double sample(String metrics, String name, String labels) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> labels.isEmpty() || line.contains(labels))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static ResourceDefinitionContext context(String plural, String kind) {
        return new ResourceDefinitionContext.Builder().withGroup("fivenines.dev").withVersion("v1alpha1").withPlural(plural)
                .withKind(kind).withNamespaced(true).build();
    }

    @Override
    public void close() {
        kubernetes.close();
        route53.close();
    }
}

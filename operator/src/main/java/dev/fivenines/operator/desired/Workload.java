package dev.fivenines.operator.desired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.ConsistencySpec;
import dev.fivenines.api.v1alpha1.ExposureSpec;
import dev.fivenines.api.v1alpha1.GatewaySpec;
import dev.fivenines.api.v1alpha1.RuntimeSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/**
 * The Kubernetes objects of one AuthDeployment, as pure functions of the blueprint, its revision and
 * the deployment. Two deployments of one blueprint get the same objects except for their names, their
 * variant's own settings (region, failover chain, customer) and the declared overrides: nothing else
 * can differ, which is how drift between primary, backup, edge and dedicated stacks is designed out.
 */
public final class Workload {

    public static final String CONTAINER = "auth";
    public static final String CONFIG_HASH = "fivenines.dev/config-hash";
    /** The container port of the runtime's probes, metrics and stats: on no Service, so traffic never reaches it. */
    public static final String MANAGEMENT = "management";
    /** The user and group the images run as (numeric, so the kubelet can check runAsNonRoot). */
    public static final long RUNTIME_USER = 10001L;
    /** Where the tenants' bootstrap admin secrets are mounted; the runtime reads the folder (FIVENINES_ADMIN_BOOTSTRAP_SECRETS_DIR). */
    public static final String BOOTSTRAP_SECRETS_DIR = "/var/run/fivenines/bootstrap";
    /** Where the platform admin credential is mounted (FIVENINES_PLATFORM_CREDENTIAL_FILE is its file {@code credential}). */
    public static final String PLATFORM_CREDENTIAL_DIR = "/var/run/fivenines/platform";
    /** The class path of the runtime image's Quarkus fast-jar (in /app), for commands other than the service. */
    public static final String CONSISTENCY_CLASSPATH = "/app/lib/main/*:/app/lib/boot/*:/app/app/*";

    private final AuthBlueprint blueprint;
    private final String revision;
    private final AuthDeployment deployment;
    private final RuntimeEnvironment environment;

    public Workload(AuthBlueprint blueprint, String revision, AuthDeployment deployment, RuntimeEnvironment environment) {
        this.blueprint = blueprint;
        this.revision = revision;
        this.deployment = deployment;
        this.environment = environment;
    }

    /** Every object, in the order they are applied. */
    public List<HasMetadata> objects() {
        return List.of(serviceAccount(), configMap(), deployment(), service(), podDisruptionBudget());
    }

    public String name() {
        return deployment.getMetadata().getName();
    }

    public String configMapName() {
        return name() + "-config";
    }

    public int replicas() {
        return RuntimeConfig.replicas(blueprint, deployment);
    }

    public ServiceAccount serviceAccount() {
        ObjectMeta meta = metadata(name());
        var serviceAccount = blueprint.getSpec().getRuntime().getServiceAccount();
        if (serviceAccount != null && serviceAccount.getAnnotations() != null && !serviceAccount.getAnnotations().isEmpty()) {
            meta.setAnnotations(new LinkedHashMap<>(serviceAccount.getAnnotations()));
        }
        return new ServiceAccountBuilder().withMetadata(meta).build();
    }

    public ConfigMap configMap() {
        return new ConfigMapBuilder().withMetadata(metadata(configMapName()))
                .withData(RuntimeConfig.of(blueprint, deployment, environment)).build();
    }

    public Deployment deployment() {
        var runtime = blueprint.getSpec().getRuntime();
        var overrides = deployment.getSpec().getOverrides();
        ResourceRequirements resources = overrides != null && overrides.getResources() != null ? overrides.getResources()
                : runtime.getResources();
        Map<String, String> nodeSelector = overrides != null ? emptyToNull(overrides.getNodeSelector()) : null;
        List<Toleration> tolerations = overrides != null ? emptyToNull(overrides.getTolerations()) : null;
        String configHash = RuntimeConfig.hash(RuntimeConfig.of(blueprint, deployment, environment));
        var bootstrap = runtime.getBootstrapSecretRef();
        var platform = runtime.getPlatformCredentialSecretRef();

        return new DeploymentBuilder()
                .withMetadata(metadata(name()))
                .withNewSpec()
                .withReplicas(replicas())
                .withNewSelector().withMatchLabels(selector()).endSelector()
                .withNewStrategy().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1)).endRollingUpdate()
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels()).withAnnotations(podAnnotations(runtime, configHash)).endMetadata()
                .withNewSpec()
                .withServiceAccountName(name())
                .withImagePullSecrets(imagePullSecrets(runtime))
                .withTopologySpreadConstraints(zoneSpread(runtime))
                .withNodeSelector(nodeSelector)
                .withTolerations(tolerations)
                // the restricted Pod Security Standard
                .withSecurityContext(podSecurityContext())
                .withVolumes(volumes(bootstrap == null ? null : bootstrap.getName(), platform == null ? null : platform.getName()))
                .withContainers(new ContainerBuilder()
                        .withName(CONTAINER)
                        .withImage(runtime.getImage() + ":" + runtime.getVersion())
                        .addNewPort().withName("http").withContainerPort(environment.port()).withProtocol("TCP").endPort()
                        .addNewPort().withName(MANAGEMENT).withContainerPort(environment.managementPort()).withProtocol("TCP").endPort()
                        .withEnvFrom(envFrom())
                        .withVolumeMounts(volumeMounts(bootstrap != null, platform != null))
                        // liveness waits for the start: a JVM on a small CPU share boots slower than three liveness periods
                        .withNewStartupProbe().withNewHttpGet().withPath("/q/health/started").withPort(new IntOrString(MANAGEMENT))
                        .endHttpGet().withPeriodSeconds(2).withFailureThreshold(150).endStartupProbe()
                        .withNewReadinessProbe().withNewHttpGet().withPath("/q/health/ready").withPort(new IntOrString(MANAGEMENT))
                        .endHttpGet().withPeriodSeconds(5).withFailureThreshold(3).endReadinessProbe()
                        .withNewLivenessProbe().withNewHttpGet().withPath("/q/health/live").withPort(new IntOrString(MANAGEMENT))
                        .endHttpGet().withPeriodSeconds(10).withFailureThreshold(3).endLivenessProbe()
                        .withResources(resources)
                        .withSecurityContext(containerSecurityContext())
                        .build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The restricted Pod Security Standard, for the runtime's pods and the consistency check's alike. */
    private static PodSecurityContext podSecurityContext() {
        return new PodSecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(RUNTIME_USER).withRunAsGroup(RUNTIME_USER)
                .withFsGroup(RUNTIME_USER).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
    }

    private static SecurityContext containerSecurityContext() {
        return new SecurityContextBuilder().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true).withNewCapabilities().withDrop("ALL").endCapabilities().build();
    }

    /** The blueprint's pod annotations, and the configuration's hash (which no declared annotation can replace). */
    private static Map<String, String> podAnnotations(RuntimeSpec runtime, String configHash) {
        Map<String, String> annotations = new java.util.TreeMap<>();
        if (runtime.getPodAnnotations() != null) {
            annotations.putAll(runtime.getPodAnnotations());
        }
        annotations.put(CONFIG_HASH, configHash);
        return annotations;
    }

    private static List<io.fabric8.kubernetes.api.model.LocalObjectReference> imagePullSecrets(RuntimeSpec runtime) {
        if (runtime.getImagePullSecrets() == null || runtime.getImagePullSecrets().isEmpty()) {
            return null;
        }
        return runtime.getImagePullSecrets().stream().map(s -> new io.fabric8.kubernetes.api.model.LocalObjectReference(s.getName()))
                .toList();
    }

    /** On by default: the pods of each deployment spread across zones, never left unscheduled for it (ScheduleAnyway). */
    private List<io.fabric8.kubernetes.api.model.TopologySpreadConstraint> zoneSpread(RuntimeSpec runtime) {
        if (Boolean.FALSE.equals(runtime.getZoneSpread())) {
            return null;
        }
        return List.of(new io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder().withMaxSkew(1)
                .withTopologyKey("topology.kubernetes.io/zone").withWhenUnsatisfiable("ScheduleAnyway")
                .withNewLabelSelector().withMatchLabels(selector()).endLabelSelector().build());
    }

    /** A writable /tmp (Quarkus and the native crypto provider write there) and, when named, the bootstrap and platform Secrets. */
    private static List<Volume> volumes(String bootstrapSecret, String platformSecret) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("64Mi")).endEmptyDir().build());
        if (bootstrapSecret != null) {
            volumes.add(new VolumeBuilder().withName("bootstrap").withNewSecret().withSecretName(bootstrapSecret)
                    .withDefaultMode(0440).endSecret().build());
        }
        if (platformSecret != null) {
            volumes.add(new VolumeBuilder().withName("platform").withNewSecret().withSecretName(platformSecret)
                    .addNewItem().withKey("credential").withPath("credential").endItem().withDefaultMode(0440).endSecret().build());
        }
        return volumes;
    }

    private static List<VolumeMount> volumeMounts(boolean bootstrap, boolean platform) {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        if (bootstrap) {
            mounts.add(new VolumeMountBuilder().withName("bootstrap").withMountPath(BOOTSTRAP_SECRETS_DIR).withReadOnly(true).build());
        }
        if (platform) {
            mounts.add(new VolumeMountBuilder().withName("platform").withMountPath(PLATFORM_CREDENTIAL_DIR).withReadOnly(true).build());
        }
        return mounts;
    }

    private List<EnvFromSource> envFrom() {
        List<EnvFromSource> sources = new ArrayList<>();
        sources.add(new EnvFromSourceBuilder().withNewConfigMapRef().withName(configMapName()).endConfigMapRef().build());
        environment.awsCredentialsSecret().ifPresent(secret -> sources.add(
                new EnvFromSourceBuilder().withNewSecretRef().withName(secret).withOptional(false).endSecretRef().build()));
        return sources;
    }

    /** The consistency CronJob's name: one per blueprint and region, whichever deployment of the region holds it. */
    public static String consistencyCronJobName(String blueprint, String region) {
        return blueprint + "-consistency-" + region;
    }

    /**
     * The region's consistency validation as a CronJob: the runtime's consistency command in its image, with this
     * deployment's settings (its ConfigMap names the region, the table prefix and any endpoint override), its service
     * account and the same restricted security context. Discrepancies (exit 1) fail the Job without a retry: they are a
     * finding to alert on, not a transient error.
     */
    public CronJob consistencyCronJob() {
        var runtime = blueprint.getSpec().getRuntime();
        ObjectMeta meta = metadata(consistencyCronJobName(blueprint.getMetadata().getName(), deployment.getSpec().getRegion()));
        meta.getLabels().remove(Labels.INSTANCE);
        meta.getLabels().put(Labels.COMPONENT, "consistency-check");
        return new CronJobBuilder().withMetadata(meta)
                .withNewSpec().withSchedule(ConsistencySpec.schedule(blueprint.getSpec().getConsistency()))
                .withConcurrencyPolicy("Forbid").withSuccessfulJobsHistoryLimit(3).withFailedJobsHistoryLimit(3)
                .withNewJobTemplate().withNewSpec().withBackoffLimit(2)
                .withNewPodFailurePolicy().addNewRule().withAction("FailJob").withNewOnExitCodes().withOperator("In").withValues(1)
                .endOnExitCodes().endRule().endPodFailurePolicy()
                // not the runtime's labels: the rollout gate and the deep-health reading select runtime pods by those
                .withNewTemplate().withNewMetadata().withLabels(Map.of(Labels.COMPONENT, "consistency-check",
                        Labels.PART_OF, "fivenines", Labels.REGION, deployment.getSpec().getRegion())).endMetadata()
                .withNewSpec().withRestartPolicy("Never").withServiceAccountName(name())
                .withImagePullSecrets(imagePullSecrets(runtime))
                .withSecurityContext(podSecurityContext())
                .withVolumes(volumes(null, null))
                .addNewContainer().withName("check").withImage(runtime.getImage() + ":" + runtime.getVersion())
                .withCommand("java", "-cp", CONSISTENCY_CLASSPATH, "dev.fivenines.auth.consistency.ConsistencyCheckMain")
                .withEnvFrom(envFrom()).withVolumeMounts(volumeMounts(false, false))
                .withSecurityContext(containerSecurityContext())
                .endContainer().endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build();
    }

    /**
     * The Service traffic reaches: only the serving port, never the management one. ClusterIP by default; with
     * {@code spec.exposure.type: LoadBalancer}, {@link LoadBalancerService a Network Load Balancer's}.
     */
    public Service service() {
        var exposure = blueprint.getSpec().getExposure();
        if (ExposureSpec.loadBalanced(exposure)) {
            return LoadBalancerService.of(metadata(name()), selector(), ExposureSpec.loadBalancer(exposure), environment.managementPort());
        }
        ObjectMeta meta = metadata(name());
        if (ExposureSpec.gateway(exposure) != null) {
            meta.setAnnotations(Map.of(HTTP_ROUTE, name()));
        }
        return new ServiceBuilder().withMetadata(meta)
                .withNewSpec().withType("ClusterIP").withSelector(selector())
                .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).withProtocol("TCP").endPort()
                .endSpec().build();
    }

    /** The Gateway API group and version of the route ({@code spec.exposure.type: Gateway}). */
    public static final String GATEWAY_API = "gateway.networking.k8s.io/v1";
    /** On the Service while its HTTPRoute exists: tells the operator there is a route to remove when the exposure changes. */
    public static final String HTTP_ROUTE = "fivenines.dev/http-route";

    /**
     * With {@code spec.exposure.type: Gateway}, the HTTPRoute from the blueprint's Gateway to this deployment's Service
     * (all paths); empty otherwise.
     */
    public java.util.Optional<GenericKubernetesResource> httpRoute() {
        GatewaySpec gateway = ExposureSpec.gateway(blueprint.getSpec().getExposure());
        if (gateway == null) {
            return java.util.Optional.empty();
        }
        Map<String, Object> parent = new LinkedHashMap<>();
        parent.put("group", "gateway.networking.k8s.io");
        parent.put("kind", "Gateway");
        parent.put("name", gateway.getName());
        if (gateway.getNamespace() != null) {
            parent.put("namespace", gateway.getNamespace());
        }
        if (gateway.getSectionName() != null) {
            parent.put("sectionName", gateway.getSectionName());
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("parentRefs", List.of(parent));
        if (gateway.getHostnames() != null && !gateway.getHostnames().isEmpty()) {
            spec.put("hostnames", List.copyOf(gateway.getHostnames()));
        }
        spec.put("rules", List.of(Map.of("backendRefs", List.of(Map.of("name", name(), "port", 80)))));
        GenericKubernetesResource route = new GenericKubernetesResource();
        route.setApiVersion(GATEWAY_API);
        route.setKind("HTTPRoute");
        route.setMetadata(metadata(name()));
        route.setAdditionalProperty("spec", spec);
        return java.util.Optional.of(route);
    }

    public PodDisruptionBudget podDisruptionBudget() {
        return new PodDisruptionBudgetBuilder().withMetadata(metadata(name()))
                .withNewSpec().withMaxUnavailable(new IntOrString(1))
                .withNewSelector().withMatchLabels(selector()).endSelector()
                .endSpec().build();
    }

    /** Selects this deployment's pods; never changes for the life of the deployment. */
    public Map<String, String> selector() {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(Labels.NAME, Labels.APP);
        selector.put(Labels.INSTANCE, name());
        return selector;
    }

    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>(selector());
        labels.put(Labels.MANAGED_BY, Labels.OPERATOR);
        labels.put(Labels.PART_OF, "fivenines");
        labels.put(Labels.VERSION, blueprint.getSpec().getRuntime().getVersion());
        labels.put(Labels.BLUEPRINT, blueprint.getMetadata().getName());
        labels.put(Labels.REVISION, revision);
        labels.put(Labels.VARIANT, deployment.getSpec().getVariant().name());
        labels.put(Labels.REGION, deployment.getSpec().getRegion());
        return labels;
    }

    private ObjectMeta metadata(String objectName) {
        return new ObjectMetaBuilder()
                .withName(objectName)
                .withNamespace(deployment.getMetadata().getNamespace())
                .withLabels(labels())
                .withOwnerReferences(owner())
                .build();
    }

    private OwnerReference owner() {
        return new OwnerReferenceBuilder()
                .withApiVersion(deployment.getApiVersion())
                .withKind(deployment.getKind())
                .withName(deployment.getMetadata().getName())
                .withUid(deployment.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    private static <K, V> Map<K, V> emptyToNull(Map<K, V> map) {
        return map == null || map.isEmpty() ? null : map;
    }

    private static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}

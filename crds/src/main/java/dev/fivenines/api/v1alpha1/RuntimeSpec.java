package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The auth runtime image and size. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuntimeSpec {

    @JsonPropertyDescription("Container image of the auth runtime, without tag, e.g. registry.example.com/fivenines/auth-runtime.")
    @Required
    @Size(min = 1)
    private String image;

    @JsonPropertyDescription("Runtime version; the image tag. Semantic version such as 1.4.2 or v1.4.2-rc.1.")
    @Required
    @Pattern("^v?[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?$")
    private String version;

    @JsonPropertyDescription("Pods per deployment unless a deployment overrides it.")
    @Default("2")
    @Min(1)
    private Integer replicas = 2;

    @JsonPropertyDescription("CPU and memory of each pod unless a deployment overrides them.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("The ServiceAccount of the runtime's pods: annotations for IRSA (eks.amazonaws.com/role-arn).")
    private RuntimeServiceAccount serviceAccount;

    @JsonPropertyDescription("A Secret holding the tenants' bootstrap admin secrets: each key a tenant id, each value that tenant's "
            + "secret of client admin. Mounted read-only into the runtime's pods, which re-read it every 30 s; never copied into "
            + "a ConfigMap or a custom resource.")
    private SecretReference bootstrapSecretRef;

    @JsonPropertyDescription("A Secret whose key 'credential' is the platform admin credential: the bearer secret of the runtime's "
            + "/platform API (create, list and retire tenants). Mounted read-only into the runtime's pods, which re-read it every 30 s. "
            + "Without it the platform API refuses every call.")
    private SecretReference platformCredentialSecretRef;

    @JsonPropertyDescription("Annotations on the runtime's pods (e.g. for a log or metrics agent). Anything else added to the pod template by hand is drift and removed.")
    private Map<String, String> podAnnotations;

    @JsonPropertyDescription("Secrets for pulling the runtime's image from a private registry, by name, in each AuthDeployment's namespace.")
    private List<SecretReference> imagePullSecrets;

    @JsonPropertyDescription("Spread each deployment's pods across availability zones (topology.kubernetes.io/zone, maxSkew 1, ScheduleAnyway, so a cluster with one zone still schedules them).")
    @Default("true")
    private Boolean zoneSpread = true;

    // no API-server default: it would change every existing blueprint's revision
    @JsonPropertyDescription("How the runtime writes its console log: Text (one line a record, when absent) or Json (one JSON "
            + "object a line with timestamp, level, loggerName and message, for a log pipeline that parses fields).")
    private LogFormat logFormat;

    @JsonPropertyDescription("OpenTelemetry traces over OTLP: each request, and a span per DynamoDB call in its trace. Off when "
            + "absent.")
    private TracingSpec tracing;

    public TracingSpec getTracing() {
        return tracing;
    }

    public void setTracing(TracingSpec tracing) {
        this.tracing = tracing;
    }

    public LogFormat getLogFormat() {
        return logFormat;
    }

    public void setLogFormat(LogFormat logFormat) {
        this.logFormat = logFormat;
    }

    public Map<String, String> getPodAnnotations() {
        return podAnnotations;
    }

    public void setPodAnnotations(Map<String, String> podAnnotations) {
        this.podAnnotations = podAnnotations;
    }

    public List<SecretReference> getImagePullSecrets() {
        return imagePullSecrets;
    }

    public void setImagePullSecrets(List<SecretReference> imagePullSecrets) {
        this.imagePullSecrets = imagePullSecrets;
    }

    public Boolean getZoneSpread() {
        return zoneSpread;
    }

    public void setZoneSpread(Boolean zoneSpread) {
        this.zoneSpread = zoneSpread;
    }

    public SecretReference getPlatformCredentialSecretRef() {
        return platformCredentialSecretRef;
    }

    public void setPlatformCredentialSecretRef(SecretReference platformCredentialSecretRef) {
        this.platformCredentialSecretRef = platformCredentialSecretRef;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public RuntimeServiceAccount getServiceAccount() {
        return serviceAccount;
    }

    public void setServiceAccount(RuntimeServiceAccount serviceAccount) {
        this.serviceAccount = serviceAccount;
    }

    public SecretReference getBootstrapSecretRef() {
        return bootstrapSecretRef;
    }

    public void setBootstrapSecretRef(SecretReference bootstrapSecretRef) {
        this.bootstrapSecretRef = bootstrapSecretRef;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RuntimeSpec other)) {
            return false;
        }
        return Objects.equals(image, other.image) && Objects.equals(version, other.version) && Objects.equals(replicas, other.replicas) && Objects.equals(resources, other.resources)
                && Objects.equals(serviceAccount, other.serviceAccount) && Objects.equals(bootstrapSecretRef, other.bootstrapSecretRef)
                && Objects.equals(platformCredentialSecretRef, other.platformCredentialSecretRef)
                && Objects.equals(podAnnotations, other.podAnnotations) && Objects.equals(imagePullSecrets, other.imagePullSecrets)
                && Objects.equals(zoneSpread, other.zoneSpread) && logFormat == other.logFormat && Objects.equals(tracing, other.tracing);
    }

    @Override
    public int hashCode() {
        return Objects.hash(image, version, replicas, resources, serviceAccount, bootstrapSecretRef, platformCredentialSecretRef,
                podAnnotations, imagePullSecrets, zoneSpread, logFormat, tracing);
    }
}

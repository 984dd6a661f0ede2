package dev.fivenines.operator.desired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.ConsistencySpec;
import dev.fivenines.api.v1alpha1.LogFormat;
import dev.fivenines.api.v1alpha1.TracingSpec;
import dev.fivenines.operator.revision.Revision;

/**
 * The auth runtime's configuration for one AuthDeployment, as environment variables (the runtime reads
 * them through its typed configuration). Everything comes from the blueprint except what the deployment
 * may declare: its region, variant, failover chain and customer.
 */
public final class RuntimeConfig {

    private RuntimeConfig() {
    }

    public static Map<String, String> of(AuthBlueprint blueprint, AuthDeployment deployment, RuntimeEnvironment environment) {
        var bp = blueprint.getSpec();
        var ad = deployment.getSpec();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FIVENINES_DEPLOYMENT", deployment.getMetadata().getName());
        env.put("FIVENINES_VARIANT", ad.getVariant().name());
        env.put("FIVENINES_REGION", ad.getRegion());
        env.put("FIVENINES_STORAGE_REGION", ad.getRegion());
        env.put("FIVENINES_STORAGE_REGIONS", String.join(",", storageChain(deployment)));
        env.put("FIVENINES_STORAGE_HOME_REGION", bp.getStorage().getHomeRegion());
        env.put("FIVENINES_STORAGE_TABLE_PREFIX", bp.getStorage().getTablePrefix());
        env.put("FIVENINES_TOKENS_ISSUER", bp.getTokens().getIssuer());
        env.put("FIVENINES_TOKENS_ALGORITHM", bp.getTokens().getAlgorithm().name());
        env.put("FIVENINES_TOKENS_ACCESS_TOKEN_TTL", bp.getTokens().getAccessTokenTtl());
        env.put("FIVENINES_TOKENS_KEY_ROTATION_PERIOD", bp.getTokens().getKeyRotationPeriod());
        env.put("FIVENINES_LIMITS_CLIENT_BLOCK_RPS", String.valueOf(bp.getLimits().getClientBlockRps()));
        env.put("FIVENINES_LIMITS_MILESTONES", bp.getLimits().getMilestones().stream().map(String::valueOf)
                .collect(Collectors.joining(",")));
        env.put("FIVENINES_LIMITS_REPLICAS", String.valueOf(replicas(blueprint, deployment)));
        if (bp.getLimits().getTenants() != null && !bp.getLimits().getTenants().isEmpty()) {
            // <tenant>=<client rps> or <tenant>=<client rps>/<tenant-wide rps>, in declared order
            env.put("FIVENINES_LIMITS_TENANTS", bp.getLimits().getTenants().stream()
                    .map(t -> t.getTenant() + "=" + t.getClientBlockRps() + (t.getTenantBlockRps() == null ? "" : "/" + t.getTenantBlockRps()))
                    .collect(Collectors.joining(",")));
        }
        env.put("FIVENINES_HEALTH_PATH", bp.getHealthCheck().getPath());
        if (bp.getRuntime().getLogFormat() == LogFormat.Json) {
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        }
        TracingSpec tracing = bp.getRuntime().getTracing();
        if (tracing != null) {
            env.put("QUARKUS_OTEL_SDK_DISABLED", "false");
            env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", tracing.getEndpoint());
            env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", tracing.getProtocol() == null ? "grpc" : tracing.getProtocol());
            env.put("QUARKUS_OTEL_TRACES_SAMPLER_ARG", tracing.getSamplingRatio() == null ? TracingSpec.SAMPLING_RATIO
                    : tracing.getSamplingRatio());
            // which deployment a span comes from, as the collector sees it
            env.put("QUARKUS_OTEL_RESOURCE_ATTRIBUTES", "cloud.region=" + ad.getRegion() + ",fivenines.deployment="
                    + deployment.getMetadata().getName() + ",fivenines.variant=" + ad.getVariant().name());
        }
        if (ConsistencySpec.asCronJob(bp.getConsistency())) {
            // the region's CronJob checks the tables (Workload.consistencyCronJob); the replicas do not each do it again
            env.put("FIVENINES_CONSISTENCY_INTERVAL", "off");
        }
        String endpoints = storageChain(deployment).stream().filter(environment.storageEndpoints()::containsKey)
                .map(region -> region + "=" + environment.storageEndpoints().get(region)).collect(Collectors.joining(","));
        if (!endpoints.isEmpty()) {
            env.put("FIVENINES_STORAGE_ENDPOINTS", endpoints);
        }
        if (bp.getRuntime().getBootstrapSecretRef() != null) {
            env.put("FIVENINES_ADMIN_BOOTSTRAP_SECRETS_DIR", Workload.BOOTSTRAP_SECRETS_DIR);
        }
        if (bp.getRuntime().getPlatformCredentialSecretRef() != null) {
            env.put("FIVENINES_PLATFORM_CREDENTIAL_FILE", Workload.PLATFORM_CREDENTIAL_DIR + "/credential");
        }
        if (ad.getCustomer() != null) {
            env.put("FIVENINES_CUSTOMER", ad.getCustomer());
        }
        return env;
    }

    /**
     * The deployment's replica count: its override, else the blueprint's. The runtime divides the per-client
     * limits by it, since each replica counts only the requests it serves.
     */
    public static int replicas(AuthBlueprint blueprint, AuthDeployment deployment) {
        var overrides = deployment.getSpec().getOverrides();
        if (overrides != null && overrides.getReplicas() != null) {
            return overrides.getReplicas();
        }
        return blueprint.getSpec().getRuntime().getReplicas();
    }

    /** The regions storage reads go through, in order: the deployment's own, then its failover regions. */
    public static List<String> storageChain(AuthDeployment deployment) {
        List<String> chain = new ArrayList<>();
        chain.add(deployment.getSpec().getRegion());
        if (deployment.getSpec().getFailoverRegions() != null) {
            chain.addAll(deployment.getSpec().getFailoverRegions());
        }
        return chain;
    }

    /** Changes whenever the configuration does, so a new configuration rolls the pods. */
    public static String hash(Map<String, String> config) {
        return Revision.of(config);
    }
}

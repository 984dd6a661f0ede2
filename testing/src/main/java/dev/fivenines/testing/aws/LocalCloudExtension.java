package dev.fivenines.testing.aws;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** See {@link WithLocalCloud}. */
public final class LocalCloudExtension implements BeforeAllCallback, AfterEachCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(LocalCloudExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        cloud(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        cloud(context).clearFaults();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == LocalCloud.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return cloud(extension);
    }

    /** The run's cloud for the test class's settings, started on first use. */
    public static LocalCloud cloud(ExtensionContext context) {
        WithLocalCloud settings = context.getRequiredTestClass().getAnnotation(WithLocalCloud.class);
        List<String> regions = settings == null ? List.of("us-east-1", "us-west-2", "eu-west-1") : List.of(settings.regions());
        Duration replicaChange = Duration.ofMillis(settings == null ? 1000 : settings.replicaChangeMillis());
        Duration replicationDelay = Duration.ofMillis(settings == null ? 0 : settings.replicationDelayMillis());
        boolean route53 = settings == null || settings.route53();
        long healthCheckMillis = settings == null ? 0 : settings.healthCheckIntervalMillis();
        String key = "LocalCloud " + regions + " " + replicaChange + " " + replicationDelay + " " + route53 + " " + healthCheckMillis;
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, unused -> new SharedCloud(start(regions, replicaChange, replicationDelay,
                        route53, healthCheckMillis)), SharedCloud.class)
                .cloud();
    }

    private static LocalCloud start(List<String> regions, Duration replicaChange, Duration replicationDelay,
            boolean route53, long healthCheckMillis) {
        LocalCloud.Builder builder = LocalCloud.builder()
                .regions(regions)
                .replicaChangeDuration(replicaChange)
                .replicationDelay(replicationDelay)
                .route53(route53);
        if (healthCheckMillis > 0) {
            builder.healthCheckInterval(Duration.ofMillis(healthCheckMillis));
        }
        return builder.start();
    }

    private record SharedCloud(LocalCloud cloud) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            cloud.close();
        }
    }
}

package dev.fivenines.e2e.cluster;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.fabric8.kubernetes.client.KubernetesClient;

/** See {@link WithCluster}. */
public final class ClusterExtension implements ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(ClusterExtension.class);

    static E2eCluster shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Shared.class, key -> new Shared(provider()), Shared.class).cluster();
    }

    private static E2eCluster provider() {
        String kind = System.getenv().getOrDefault("FIVENINES_E2E_CLUSTER", "local");
        return switch (kind) {
            case "local" -> LocalNodeCluster.start();
            case "kind" -> KindCluster.fromEnvironment();
            default -> throw new IllegalStateException("FIVENINES_E2E_CLUSTER is " + kind + "; it takes local (default) or kind");
        };
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == E2eCluster.class || type == KubernetesClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        E2eCluster cluster = shared(extension);
        if (type == E2eCluster.class) {
            return cluster;
        }
        if (type == KubernetesClient.class) {
            return extension.getStore(NAMESPACE)
                    .getOrComputeIfAbsent(ClassClient.class, key -> new ClassClient(cluster.newClient()), ClassClient.class).client();
        }
        throw new ParameterResolutionException("Cannot resolve " + type);
    }

    private record Shared(E2eCluster cluster) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            cluster.close();
        }
    }

    private record ClassClient(KubernetesClient client) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }
}

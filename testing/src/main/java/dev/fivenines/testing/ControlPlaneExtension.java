package dev.fivenines.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.fabric8.kubernetes.client.KubernetesClient;

/** See {@link WithControlPlane}. */
public final class ControlPlaneExtension implements BeforeAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(ControlPlaneExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalControlPlane plane = shared(context);
        WithControlPlane settings = context.getRequiredTestClass().getAnnotation(WithControlPlane.class);
        if (settings != null && settings.crds().length > 0) {
            try (KubernetesClient client = plane.newClient()) {
                for (String crd : settings.crds()) {
                    Crds.install(client, ProjectRoot.find().resolve(crd));
                }
            }
        }
    }

    /** The JVM's control plane, started on first use and stopped when the test run ends. */
    public static LocalControlPlane shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedPlane.class, key -> new SharedPlane(LocalControlPlane.start()), SharedPlane.class)
                .plane();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == KubernetesClient.class || type == LocalControlPlane.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        LocalControlPlane plane = shared(extension);
        if (type == LocalControlPlane.class) {
            return plane;
        }
        if (type == KubernetesClient.class) {
            return extension.getStore(NAMESPACE)
                    .getOrComputeIfAbsent(ClassClient.class, key -> new ClassClient(plane.newClient()), ClassClient.class)
                    .client();
        }
        throw new ParameterResolutionException("Cannot resolve " + type);
    }

    private record SharedPlane(LocalControlPlane plane) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            plane.close();
        }
    }

    private record ClassClient(KubernetesClient client) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }
}

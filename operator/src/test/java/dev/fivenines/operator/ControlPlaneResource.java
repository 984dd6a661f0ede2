package dev.fivenines.operator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.fivenines.testing.Crds;
import dev.fivenines.testing.LocalControlPlane;
import dev.fivenines.testing.ProjectRoot;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the real local control plane before the operator does, installs the committed CRDs and points
 * the operator's Kubernetes client at it (through the kubeconfig system property the Fabric8 client reads).
 */
public class ControlPlaneResource implements QuarkusTestResourceLifecycleManager {

    private static LocalControlPlane plane;

    @Override
    public Map<String, String> start() {
        plane = LocalControlPlane.start();
        try (KubernetesClient client = plane.newClient()) {
            Path crds = ProjectRoot.find().resolve("crds/generated");
            Crds.install(client, crds.resolve("authblueprints.fivenines.dev-v1.yml"));
            Crds.install(client, crds.resolve("authdeployments.fivenines.dev-v1.yml"));
        }
        try {
            Path kubeconfig = Files.createTempFile("fivenines-operator-test", ".kubeconfig");
            Files.writeString(kubeconfig, plane.kubeconfigYaml());
            kubeconfig.toFile().deleteOnExit();
            System.setProperty("kubeconfig", kubeconfig.toString());
            return Map.of("quarkus.kubernetes-client.devservices.enabled", "false");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static LocalControlPlane plane() {
        return plane;
    }

    @Override
    public void stop() {
        if (plane != null) {
            plane.close();
        }
        System.clearProperty("kubeconfig");
    }
}

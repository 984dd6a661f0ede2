package dev.fivenines.e2e.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * A Kubernetes cluster whose pods really run, as the end-to-end tests see it. One suite, two providers:
 * the local cluster with its real node ({@link LocalNodeCluster}, e2e/bin/cluster) and a Kind cluster
 * where Docker exists ({@link KindCluster}, e2e/kind/run).
 */
public interface E2eCluster extends AutoCloseable {

    /** A door between the test and the cluster, open until closed. */
    interface Door extends AutoCloseable {
        /** HOST:PORT as the other side reaches it. */
        String address();

        @Override
        void close();
    }

    Path kubeconfig();

    /** A new client of the cluster, which the caller closes. */
    default KubernetesClient newClient() {
        try {
            return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig()))).build();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + kubeconfig() + ": " + e.getMessage(), e);
        }
    }

    /** The images the project built for this cluster. */
    Images images();

    /**
     * The runtime versions a rollout drill needs besides {@link #images()}: a good next version and a
     * drill-fault version (e2e/bin/build-drill-images), as image tags of the same repository.
     */
    DrillVersions drillVersions();

    /** Image tags of the runtime repository: the same build, retagged, and with a drill fault set. */
    record DrillVersions(String next, String drillFault) {

        /** Reads the {@code next=...} and {@code drill-fault=...} lines e2e/bin/build-drill-images ends with. */
        static DrillVersions fromOutput(String output) {
            String next = null;
            String drillFault = null;
            for (String line : output.lines().toList()) {
                if (line.startsWith("next=")) {
                    next = line.substring("next=".length()).trim();
                } else if (line.startsWith("drill-fault=")) {
                    drillFault = line.substring("drill-fault=".length()).trim();
                }
            }
            if (next == null || drillFault == null) {
                throw new IllegalStateException("e2e/bin/build-drill-images did not name both versions; its output:\n" + output);
            }
            return new DrillVersions(next, drillFault);
        }
    }

    /** A service on this machine's 127.0.0.1, as the cluster's pods reach it. */
    Door exposeToPods(int hostPort);

    /** A Service of the cluster, reached from the test on 127.0.0.1 (through its ClusterIP where the provider can). */
    Door openService(String namespace, String service, int port);

    /** A port of one pod (e.g. the runtime's management port, which no Service exposes), reached from the test on 127.0.0.1. */
    Door openPod(String namespace, String pod, int port);

    @Override
    void close();
}

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

    /** A service on this machine's 127.0.0.1, as the cluster's pods reach it. */
    Door exposeToPods(int hostPort);

    /** A Service of the cluster, reached from the test on 127.0.0.1 (through its ClusterIP where the provider can). */
    Door openService(String namespace, String service, int port);

    @Override
    void close();
}

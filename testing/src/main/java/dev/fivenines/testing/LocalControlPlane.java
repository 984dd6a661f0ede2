package dev.fivenines.testing;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubeapitest.binary.BinaryManager;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;

/**
 * A real kube-apiserver and etcd on 127.0.0.1, through kube-api-test. There is no controller-manager,
 * scheduler or kubelet: namespaces do not finish deleting, owner references are not garbage collected
 * and Deployments never get pods.
 */
public final class LocalControlPlane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalControlPlane.class);

    private final ControlPlaneBinaries binaries;
    private KubeAPIServer server;
    private String kubeconfig;
    private VersionInfo version;

    public LocalControlPlane(ControlPlaneBinaries binaries) {
        this.binaries = binaries;
    }

    public static LocalControlPlane start() {
        LocalControlPlane plane = new LocalControlPlane(ControlPlaneBinaries.fromEnvironment());
        plane.startServer();
        return plane;
    }

    void startServer() {
        if (!binaries.buildIfMissing()) {
            download();
        }
        binaries.installWrappers();
        server = new KubeAPIServer(config(true).build());
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("The local control plane did not start: " + e.getMessage()
                    + ". " + binaries.howToGetThem(), e);
        }
        kubeconfig = server.getKubeConfigYaml();
        try (KubernetesClient client = newClient()) {
            version = client.getKubernetesVersion();
        }
        LOG.info("Local control plane up: kube-apiserver {} at {}", version.getGitVersion(),
                Config.fromKubeconfig(kubeconfig).getMasterUrl());
    }

    private KubeAPIServerConfigBuilder config(boolean offline) {
        return KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(binaries.root().toString())
                .withApiServerVersion(binaries.version())
                .withOfflineMode(offline)
                .withUpdateKubeConfig(false)
                .withStartupTimeout(120_000)
                .withApiServerFlags(List.of("--bind-address=127.0.0.1", "--advertise-address=127.0.0.1"));
    }

    /** Where Go is absent: kube-api-test's own download, before anything starts, so etcd can be wrapped first. */
    private void download() {
        try {
            new BinaryManager(config(false).build()).initAndDownloadIfRequired();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could neither build nor download the control-plane binaries (" + e.getMessage()
                    + "). " + binaries.howToGetThem(), e);
        }
        if (!binaries.present()) {
            throw new IllegalStateException("The control-plane binaries are still missing after a download. " + binaries.howToGetThem());
        }
    }

    public String kubeconfigYaml() {
        return kubeconfig;
    }

    public VersionInfo version() {
        return version;
    }

    public String url() {
        return Config.fromKubeconfig(kubeconfig).getMasterUrl();
    }

    /** A new client the caller closes. */
    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
            server = null;
            LOG.info("Local control plane stopped");
        }
    }
}

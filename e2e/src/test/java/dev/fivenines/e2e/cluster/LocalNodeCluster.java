package dev.fivenines.e2e.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The local cluster with a real node (e2e/bin/cluster): started on first use, stopped at the end of the
 * run unless it was already running (a developer's) or FIVENINES_E2E_KEEP_CLUSTER=1. Its node lives in a
 * network namespace of its own; {@link Forward} is the way in and out.
 */
final class LocalNodeCluster implements E2eCluster {

    private static final Logger LOG = LoggerFactory.getLogger(LocalNodeCluster.class);
    private static final Duration FIRST_START = Duration.ofMinutes(40);

    private final Map<String, String> env;
    private final boolean stopAtEnd;
    private Images images;
    private DrillVersions drillVersions;

    private LocalNodeCluster(Map<String, String> env, boolean stopAtEnd) {
        this.env = env;
        this.stopAtEnd = stopAtEnd;
    }

    static LocalNodeCluster start() {
        if (!"0".equals(Commands.runAllowingFailure(Duration.ofSeconds(10), Map.of(), "id", "-u").output().trim())) {
            throw new IllegalStateException("The end-to-end tests run a real node (network namespaces, containerd, cgroups) and need root. "
                    + "Run them as root, or on a machine with Docker through e2e/kind/run (docs/development.md).");
        }
        boolean wasRunning = Commands.runAllowingFailure(Duration.ofSeconds(20), Map.of(), "bash", "e2e/bin/cluster", "status").exitCode() == 0;
        LOG.info("{} the local cluster with a real node (e2e/bin/cluster up)", wasRunning ? "Reusing" : "Starting");
        Commands.run(FIRST_START, Map.of(), "bash", "e2e/bin/cluster", "up");
        Map<String, String> env = new HashMap<>();
        for (String line : Commands.run(Duration.ofSeconds(10), Map.of(), "bash", "e2e/bin/cluster", "env").output().lines().toList()) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        boolean keep = "1".equals(System.getenv("FIVENINES_E2E_KEEP_CLUSTER"));
        return new LocalNodeCluster(env, !wasRunning && !keep);
    }

    @Override
    public Path kubeconfig() {
        return Path.of(env.get("KUBECONFIG"));
    }

    @Override
    public synchronized Images images() {
        if (images == null) {
            LOG.info("Building the operator and runtime images (e2e/bin/build-images)");
            images = Images.fromBuildOutput(Commands.run(Duration.ofMinutes(30), Map.of(), "bash", "e2e/bin/build-images").output());
        }
        return images;
    }

    @Override
    public synchronized DrillVersions drillVersions() {
        if (drillVersions == null) {
            images();
            LOG.info("Making the next and drill-fault runtime versions (e2e/bin/build-drill-images)");
            drillVersions = DrillVersions.fromOutput(Commands.run(Duration.ofMinutes(5), Map.of(), "bash", "e2e/bin/build-drill-images")
                    .output());
        }
        return drillVersions;
    }

    @Override
    public Door exposeToPods(int hostPort) {
        String nodeIp = env.get("NODE_IP");
        return door(List.of("-out", nodeIp + ":0=127.0.0.1:" + hostPort));
    }

    @Override
    public Door openService(String namespace, String service, int port) {
        Service svc;
        try (KubernetesClient client = newClient()) {
            svc = client.services().inNamespace(namespace).withName(service).get();
        }
        if (svc == null || svc.getSpec().getClusterIP() == null) {
            throw new IllegalStateException("No Service " + namespace + "/" + service + " with a ClusterIP");
        }
        return door(List.of("-in", "127.0.0.1:0=" + svc.getSpec().getClusterIP() + ":" + port));
    }

    @Override
    public Door openPod(String namespace, String pod, int port) {
        String ip;
        try (KubernetesClient client = newClient()) {
            var found = client.pods().inNamespace(namespace).withName(pod).get();
            ip = found == null || found.getStatus() == null ? null : found.getStatus().getPodIP();
        }
        if (ip == null || ip.isBlank()) {
            throw new IllegalStateException("No pod " + namespace + "/" + pod + " with an IP");
        }
        return door(List.of("-in", "127.0.0.1:0=" + ip + ":" + port));
    }

    private Door door(List<String> arguments) {
        Forward forward = Forward.start(env.get("FORWARD_BIN"), env.get("NODE_NETNS"), arguments);
        return new Door() {
            @Override
            public String address() {
                return forward.address(0);
            }

            @Override
            public void close() {
                forward.close();
            }
        };
    }

    @Override
    public void close() {
        if (stopAtEnd) {
            LOG.info("Stopping the local cluster (e2e/bin/cluster down)");
            Commands.run(Duration.ofMinutes(2), Map.of(), "bash", "e2e/bin/cluster", "down");
        }
    }
}

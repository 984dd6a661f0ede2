package dev.fivenines.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fivenines.e2e.cluster.Commands;
import dev.fivenines.testing.ListeningSockets;

/**
 * e2e/bin/cluster as a person runs it: up gives a node where a Deployment's pods run, and down leaves nothing of
 * it behind. It runs a cluster of its own (its own network namespace, port and state folder) beside the one the
 * other end-to-end tests share, so it can compare the machine before and after.
 */
@Tag("local-node")
class LocalClusterCommandTest {

    private static final String NETNS = "fivenines-cmdtest";

    @Test
    void upRunsPodsAndDownLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("FIVENINES_STATE_DIR", dir.toString(), "FIVENINES_NODE_NETNS", NETNS,
                "FIVENINES_API_PORT", "16543");
        Path state = dir.resolve("cluster");
        List<String> before = leftovers(state);
        String kubeconfig;
        try {
            kubeconfig = Commands.run(Duration.ofMinutes(40), env, "bash", "e2e/bin/cluster", "up").lastLine();
            assertThat(kubeconfig).isEqualTo(state.resolve("kubeconfig").toString());
            String kubectl = "kubectl --kubeconfig " + kubeconfig + " ";
            sh(env, kubectl + "create deployment pause --image=127.0.0.1:5310/fivenines/pause:3.10-fivenines --replicas=2");
            sh(env, kubectl + "wait --for=condition=Available deployment/pause --timeout=120s");
            String pods = sh(env, kubectl + "get pods -l app=pause -o jsonpath='{.items[*].status.phase}'");
            assertThat(pods.trim().split(" ")).containsExactly("Running", "Running");

            List<String> during = leftovers(state);
            assertThat(during).as("a running cluster has its namespace, mounts, cgroups and processes")
                    .anyMatch(line -> line.startsWith("netns " + NETNS))
                    .anyMatch(line -> line.startsWith("mount ") && line.contains("/netns/cni-"))
                    .anyMatch(line -> line.startsWith("cgroup ") && line.contains(NETNS))
                    .anyMatch(line -> line.startsWith("process ") && line.contains("kubelet"))
                    .anyMatch(line -> line.startsWith("log link "));
            // every component listens inside the node's namespace; on this machine's interfaces only the way in, on loopback
            assertThat(ListeningSockets.of(clusterProcesses(state)))
                    .as("listeners of the cluster's processes in this machine's network namespace")
                    .containsExactly(ListeningSockets.loopback(16543));
        } finally {
            Commands.run(Duration.ofMinutes(2), env, "bash", "e2e/bin/cluster", "down");
        }
        assertThat(leftovers(state)).as("what is left after down").isEqualTo(before);
        assertThat(Files.exists(state)).as("the state folder").isFalse();
    }

    private static List<Long> clusterProcesses(Path state) throws Exception {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    String cmdline = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    return cmdline.contains(state.toString()) || cmdline.contains("/run/netns/" + NETNS);
                } catch (Exception gone) {
                    return false;
                }
            }).map(p -> Long.parseLong(p.getFileName().toString())).toList();
        }
    }

    private static String sh(Map<String, String> env, String command) {
        return Commands.run(Duration.ofMinutes(3), env, "bash", "-c", command).output();
    }

    /**
     * Everything a cluster of this state folder and namespace could leave on the machine: its network namespace,
     * mounts, cgroups, processes, and the host's interfaces and iptables rules (the node's own live in its namespace).
     */
    private static List<String> leftovers(Path state) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String ns : Commands.run(Duration.ofSeconds(20), Map.of(), "ip", "netns", "list").output().lines().toList()) {
            if (ns.startsWith(NETNS)) {
                lines.add("netns " + ns);
            }
        }
        for (String link : Commands.run(Duration.ofSeconds(20), Map.of(), "ip", "-o", "link").output().lines().toList()) {
            lines.add("link " + link.split(":")[1].trim().split("@")[0]);
        }
        for (String mount : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            if (mount.contains(state.toString()) || mount.contains("/run/netns/" + NETNS)) {
                lines.add("mount " + mount.split(" ")[4]);
            }
        }
        try (Stream<Path> controllers = Files.list(Path.of("/sys/fs/cgroup"))) {
            controllers.map(c -> c.resolve(NETNS)).filter(Files::exists).forEach(c -> lines.add("cgroup " + c));
        }
        Path containerLogs = Path.of("/var/log/containers");
        if (Files.isDirectory(containerLogs)) {
            try (Stream<Path> links = Files.list(containerLogs)) {
                links.filter(Files::isSymbolicLink).forEach(link -> {
                    try {
                        if (Files.readSymbolicLink(link).toString().startsWith(state.toString())) {
                            lines.add("log link " + link);
                        }
                    } catch (Exception gone) {
                        // removed while being read
                    }
                });
            }
        }
        Commands.run(Duration.ofSeconds(20), Map.of(), "iptables-save").output().lines()
                .filter(l -> !l.startsWith("#")).forEach(l -> lines.add("iptables " + l));
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                try {
                    String cmdline = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    if (cmdline.contains(state.toString()) || cmdline.contains("/run/netns/" + NETNS)) {
                        lines.add("process " + cmdline);
                    }
                } catch (Exception gone) {
                    // the process ended while being read
                }
            });
        }
        lines.sort(null);
        return lines;
    }
}

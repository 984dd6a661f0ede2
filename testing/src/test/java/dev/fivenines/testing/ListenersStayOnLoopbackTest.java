package dev.fivenines.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** etcd and kube-apiserver accept connections on 127.0.0.1 only (kube-api-test would bind etcd to 0.0.0.0). */
@WithControlPlane
class ListenersStayOnLoopbackTest {

    private static final String LISTEN = "0A";
    private static final String LOOPBACK_V4 = "0100007F";

    @Test
    void etcdAndKubeApiServerListenOnLoopbackOnly(LocalControlPlane plane) throws IOException {
        Path binDir = ControlPlaneBinaries.fromEnvironment().binDir();
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.startsWith(binDir.toString())).orElse(false))
                .toList();
        assertThat(servers).as("etcd and kube-apiserver processes started from %s", binDir).hasSizeGreaterThanOrEqualTo(2);

        Set<String> inodes = new HashSet<>();
        for (ProcessHandle server : servers) {
            inodes.addAll(socketInodes(server.pid()));
        }
        List<String> listeners = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals(LISTEN) && inodes.contains(f[9])) {
                    listeners.add(f[1]);
                }
            }
        }
        assertThat(listeners).as("listening sockets of etcd and kube-apiserver").isNotEmpty()
                .allSatisfy(address -> assertThat(address).startsWith(LOOPBACK_V4 + ":"));
    }

    @Test
    void serviceRangeHoldsThousandsOfServices(LocalControlPlane plane) throws IOException {
        Path binDir = ControlPlaneBinaries.fromEnvironment().binDir();
        ProcessHandle apiServer = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.equals(binDir.resolve("kube-apiserver-server").toString())).orElse(false))
                .findFirst().orElseThrow();
        String commandLine = Files.readString(Path.of("/proc", Long.toString(apiServer.pid()), "cmdline")).replace('\0', ' ');

        assertThat(commandLine).contains("--service-cluster-ip-range 10.0.0.0/16").doesNotContain("10.0.0.0/24");
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // the descriptor closed while we looked
                }
            }
        }
        return inodes;
    }
}

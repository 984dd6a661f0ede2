package dev.fivenines.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** etcd and kube-apiserver accept connections on 127.0.0.1 only (kube-api-test would bind etcd to 0.0.0.0). */
@WithControlPlane
class ListenersStayOnLoopbackTest {

    @Test
    void etcdAndKubeApiServerListenOnLoopbackOnly(LocalControlPlane plane) throws IOException {
        Path binDir = ControlPlaneBinaries.fromEnvironment().binDir();
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.startsWith(binDir.toString())).orElse(false))
                .toList();
        assertThat(servers).as("etcd and kube-apiserver processes started from %s", binDir).hasSizeGreaterThanOrEqualTo(2);

        List<String> listeners = ListeningSockets.of(servers.stream().map(ProcessHandle::pid).toList());
        assertThat(listeners).as("listening sockets of etcd and kube-apiserver").isNotEmpty()
                .allSatisfy(address -> assertThat(address).startsWith(ListeningSockets.LOOPBACK_V4 + ":"));
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
}

package dev.fivenines.testing.aws;

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

/**
 * Every socket the local cloud listens on (DynamoDB Local's Jetty servers, the front doors, moto's server) is bound to
 * 127.0.0.1. Reads the listening sockets of this JVM and of its child processes from {@code /proc}.
 */
@WithLocalCloud
class LocalCloudListenersTest {

    private static final String LISTEN = "0A";
    private static final String LOOPBACK_V4 = "0100007F";
    /** 127.0.0.1 as an IPv4-mapped IPv6 address, as the JVM binds it on a dual-stack socket. */
    private static final String LOOPBACK_V4_MAPPED = "0000000000000000FFFF0000" + LOOPBACK_V4;

    @Test
    void everyListenerOfTheLocalCloudIsOnLoopback(LocalCloud cloud) throws IOException {
        Set<String> inodes = new HashSet<>(socketInodes(ProcessHandle.current().pid()));
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        assertThat(children).as("moto_server and its wrappers").isNotEmpty();
        for (ProcessHandle child : children) {
            inodes.addAll(socketInodes(child.pid()));
        }
        List<String> listeners = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
                    listeners.add(fields[1].replace(LOOPBACK_V4_MAPPED + ":", LOOPBACK_V4 + ":"));
                }
            }
        }
        int expected = 2 * cloud.regions().size() + 2;
        assertThat(listeners).as("listening sockets of the local cloud").hasSizeGreaterThanOrEqualTo(expected)
                .allSatisfy(address -> assertThat(address).startsWith(LOOPBACK_V4 + ":"));
        assertThat(listeners).contains(hexPort(cloud.route53Endpoint().getPort()), hexPort(cloud.dynamoDbEndpoint("us-east-1").getPort()));
    }

    private static String hexPort(int port) {
        return LOOPBACK_V4 + ":" + String.format("%04X", port);
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
        } catch (IOException gone) {
            // the process ended while we looked
        }
        return inodes;
    }
}

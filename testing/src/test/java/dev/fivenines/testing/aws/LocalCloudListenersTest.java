package dev.fivenines.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fivenines.testing.ListeningSockets;

/**
 * Every socket the local cloud listens on (DynamoDB Local's Jetty servers, the front doors, moto's server) is bound to
 * 127.0.0.1. Reads the listening sockets of this JVM and of its child processes from {@code /proc}.
 */
@WithLocalCloud
class LocalCloudListenersTest {

    @Test
    void everyListenerOfTheLocalCloudIsOnLoopback(LocalCloud cloud) throws IOException {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        assertThat(children).as("moto_server and its wrappers").isNotEmpty();
        List<Long> pids = new ArrayList<>(List.of(ProcessHandle.current().pid()));
        children.forEach(child -> pids.add(child.pid()));

        List<String> listeners = ListeningSockets.of(pids);

        int expected = 2 * cloud.regions().size() + 2;
        assertThat(listeners).as("listening sockets of the local cloud").hasSizeGreaterThanOrEqualTo(expected)
                .allSatisfy(address -> assertThat(address).startsWith(ListeningSockets.LOOPBACK_V4 + ":"));
        assertThat(listeners).contains(ListeningSockets.loopback(cloud.route53Endpoint().getPort()),
                ListeningSockets.loopback(cloud.dynamoDbEndpoint("us-east-1").getPort()));
    }
}

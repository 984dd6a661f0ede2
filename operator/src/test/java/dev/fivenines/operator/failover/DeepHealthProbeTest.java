package dev.fivenines.operator.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** The deep health summary, against a server on 127.0.0.1 that answers as the runtime's /q/health/deep does. */
class DeepHealthProbeTest {

    private static final String UP = "{\"status\":\"UP\",\"failedStep\":null,\"region\":\"us-east-1\",\"steps\":["
            + "{\"name\":\"storage\",\"ok\":true,\"millis\":3.1,\"detail\":\"canary read\"}]}";
    private static final String DOWN = "{\"status\":\"DOWN\",\"failedStep\":\"storage\",\"region\":\"us-east-1\",\"steps\":["
            + "{\"name\":\"storage\",\"ok\":false,\"millis\":2000.0,\"detail\":\"every region failed: us-east-1 connection refused\"},"
            + "{\"name\":\"token\",\"ok\":true,\"millis\":0.4,\"detail\":\"signed and verified\"}]}";

    private HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>(UP);
    private final AtomicReference<Integer> status = new AtomicReference<>(200);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/q/health/deep", exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static Pod pod(String name, boolean ready) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus().withPhase("Running").withPodIP("127.0.0.1")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus().build();
    }

    @Test
    void everyReadyPodIsAskedAndTheFailingStepIsNamed() {
        DeepHealthProbe probe = new DeepHealthProbe(server.getAddress().getPort());

        assertThat(probe.read(List.of(pod("auth-a", true), pod("auth-b", true), pod("auth-c", false)))).isEqualTo("UP on 2 of 2 pods");

        body.set(DOWN);
        status.set(503);
        assertThat(probe.read(List.of(pod("auth-a", true)))).isEqualTo(
                "DOWN on 1 of 1 pods: auth-a failed step storage (every region failed: us-east-1 connection refused)");
    }

    @Test
    void withoutReadyPodsOrWithAPodThatDoesNotAnswerItSaysSo() {
        DeepHealthProbe probe = new DeepHealthProbe(server.getAddress().getPort());
        assertThat(probe.read(List.of(pod("auth-c", false)))).isEqualTo("no Ready pod to ask");

        server.stop(0);
        assertThat(probe.read(List.of(pod("auth-a", true)))).startsWith("DOWN on 1 of 1 pods: auth-a failed step unreachable");
    }
}

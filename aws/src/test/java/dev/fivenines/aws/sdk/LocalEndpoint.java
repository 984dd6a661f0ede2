package dev.fivenines.aws.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import org.awaitility.Awaitility;

import com.sun.net.httpserver.HttpServer;

import dev.fivenines.aws.HealthCheckProtocol;
import dev.fivenines.aws.HealthCheckSpec;

/**
 * An HTTP endpoint on 127.0.0.1 for the local cloud's health checkers: it answers 200 on every path, stops listening
 * (connections are refused) and listens again on the same port.
 */
final class LocalEndpoint implements AutoCloseable {

    private final int port;
    private HttpServer server;

    private LocalEndpoint(HttpServer server) {
        this.server = server;
        this.port = server.getAddress().getPort();
    }

    static LocalEndpoint start() {
        return new LocalEndpoint(bind(0));
    }

    int port() {
        return port;
    }

    HealthCheckSpec spec(int failureThreshold) {
        return new HealthCheckSpec(HealthCheckProtocol.HTTP, Optional.empty(), Optional.of("127.0.0.1"), port,
                "/q/health/deep", 10, failureThreshold);
    }

    synchronized void refuseConnections() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    synchronized void acceptConnections() {
        if (server == null) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreException(UncheckedIOException.class)
                    .until(() -> (server = bind(port)) != null);
        }
    }

    @Override
    public void close() {
        refuseConnections();
    }

    private static HttpServer bind(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            server.createContext("/", exchange -> {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (BindException e) {
            throw new UncheckedIOException("Port " + port + " on 127.0.0.1 is still taken", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

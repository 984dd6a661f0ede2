package dev.fivenines.testing.aws;

import java.lang.reflect.Field;
import java.net.URI;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;

/**
 * One DynamoDB Local 2.6.1 HTTP server in this JVM, in memory, on 127.0.0.1 and a port the system picks.
 *
 * <p>{@code ServerRunner} builds a Jetty server that would listen on every interface at the port given on its command
 * line. Before it starts, its one connector is moved to 127.0.0.1 and port 0; DynamoDB Local keeps the Jetty server
 * in a private field, read here by reflection (the jar is on the class path, so this is allowed). {@code -sharedDb}
 * makes the region and credentials of a request irrelevant: one instance is one region.
 */
final class LocalDynamoDb implements AutoCloseable {

    private final String region;
    private final DynamoDBProxyServer server;
    private final int port;

    private LocalDynamoDb(String region, DynamoDBProxyServer server, int port) {
        this.region = region;
        this.server = server;
        this.port = port;
    }

    static LocalDynamoDb start(String region) {
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-sharedDb", "-disableTelemetry", "-port", "8000"});
            ServerConnector connector = onlyConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.start();
            return new LocalDynamoDb(region, server, connector.getLocalPort());
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start for region " + region + ": " + e, e);
        }
    }

    private static ServerConnector onlyConnector(DynamoDBProxyServer server) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(server);
        Connector[] connectors = jetty.getConnectors();
        if (connectors.length != 1 || !(connectors[0] instanceof ServerConnector connector)) {
            throw new IllegalStateException("Expected one ServerConnector in DynamoDB Local's Jetty server, found "
                    + connectors.length);
        }
        return connector;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local of " + region + " did not stop cleanly", e);
        }
    }
}

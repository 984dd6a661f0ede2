package dev.fivenines.testing.aws;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the local cloud's health checkers reach endpoints that are not this machine's loopback: a health check's endpoint
 * (its IP address or domain name, and port) mapped to a loopback port through which a test reaches it, such as a door
 * into a cluster the test runs in a network namespace of its own. The checkers still send the endpoint's own name in
 * the Host header; only the connection goes through the route. Nothing but loopback is ever a route's destination.
 */
public final class EndpointRoutes {

    private final Map<String, InetSocketAddress> routes = new ConcurrentHashMap<>();

    /** Health checks of {@code host}:{@code port} are probed on 127.0.0.1:{@code loopbackPort} from now on. */
    public void route(String host, int port, int loopbackPort) {
        if (host == null || host.isBlank() || port < 1 || port > 65535 || loopbackPort < 1 || loopbackPort > 65535) {
            throw new IllegalArgumentException("A route needs an endpoint host, its port and a loopback port; got " + host + ":" + port
                    + " -> 127.0.0.1:" + loopbackPort);
        }
        routes.put(key(host, port), new InetSocketAddress("127.0.0.1", loopbackPort));
    }

    /** Health checks of {@code host}:{@code port} are no longer routed (they fail unprobed again). */
    public void remove(String host, int port) {
        routes.remove(key(host, port));
    }

    Optional<InetSocketAddress> find(String host, int port) {
        return Optional.ofNullable(routes.get(key(host, port)));
    }

    private static String key(String host, int port) {
        return host.toLowerCase() + ":" + port;
    }
}

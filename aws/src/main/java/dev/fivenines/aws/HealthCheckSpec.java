package dev.fivenines.aws;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a Route 53 health check calls and how often. The endpoint is a domain name ({@code fqdn}) or an IP address
 * (public, for real Route 53), or both (then the IP is called with the name as Host and SNI).
 *
 * @param requestIntervalSeconds 10 or 30; Route 53 cannot change it on an existing health check
 * @param failureThreshold       consecutive failures (1 to 10) before the endpoint counts as unhealthy
 * @param inverted               Route 53 treats a healthy endpoint as unhealthy and the reverse: how an evacuation routes
 *                               traffic away from a healthy deployment without deleting anything
 */
public record HealthCheckSpec(HealthCheckProtocol protocol, Optional<String> fqdn, Optional<String> ipAddress, int port,
        String resourcePath, int requestIntervalSeconds, int failureThreshold, boolean inverted) {

    private static final Set<Integer> INTERVALS = Set.of(10, 30);

    public HealthCheckSpec {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(fqdn, "fqdn");
        Objects.requireNonNull(ipAddress, "ipAddress");
        Objects.requireNonNull(resourcePath, "resourcePath");
        if (fqdn.isEmpty() && ipAddress.isEmpty()) {
            throw new IllegalArgumentException("A health check needs a domain name or an IP address to call");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Port out of range: " + port);
        }
        if (!resourcePath.startsWith("/") || resourcePath.length() > 255) {
            throw new IllegalArgumentException("The resource path must start with / and have at most 255 characters: " + resourcePath);
        }
        if (!INTERVALS.contains(requestIntervalSeconds)) {
            throw new IllegalArgumentException("Route 53 checks every 10 or 30 seconds, not " + requestIntervalSeconds);
        }
        if (failureThreshold < 1 || failureThreshold > 10) {
            throw new IllegalArgumentException("The failure threshold is 1 to 10, not " + failureThreshold);
        }
    }

    /** A check that is not inverted. */
    public HealthCheckSpec(HealthCheckProtocol protocol, Optional<String> fqdn, Optional<String> ipAddress, int port, String resourcePath,
            int requestIntervalSeconds, int failureThreshold) {
        this(protocol, fqdn, ipAddress, port, resourcePath, requestIntervalSeconds, failureThreshold, false);
    }

    /** The same check, inverted or not. */
    public HealthCheckSpec withInverted(boolean inverted) {
        return new HealthCheckSpec(protocol, fqdn, ipAddress, port, resourcePath, requestIntervalSeconds, failureThreshold, inverted);
    }

    /** An HTTPS check of a domain name. */
    public static HealthCheckSpec https(String fqdn, int port, String resourcePath, int requestIntervalSeconds, int failureThreshold) {
        return new HealthCheckSpec(HealthCheckProtocol.HTTPS, Optional.of(fqdn), Optional.empty(), port, resourcePath,
                requestIntervalSeconds, failureThreshold);
    }

    /**
     * True when going from this spec to {@code other} needs a new health check: Route 53 cannot change the protocol
     * or the request interval of an existing one. Create the new one, point the record at it, then delete this one.
     */
    public boolean requiresReplacement(HealthCheckSpec other) {
        return protocol != other.protocol || requestIntervalSeconds != other.requestIntervalSeconds;
    }
}

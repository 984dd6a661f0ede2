package dev.fivenines.operator.desired;

import java.util.Map;
import java.util.Optional;

/**
 * What this cluster gives every runtime pod it builds, beside the blueprint: the runtime's ports (serving, and
 * management for probes and metrics), and for
 * local emulators only, DynamoDB endpoints per region and a Secret of AWS credentials. On AWS both are
 * empty: the SDK finds the regional endpoints itself and the credentials through IRSA or EKS Pod Identity.
 */
public record RuntimeEnvironment(int port, int managementPort, Map<String, String> storageEndpoints,
        Optional<String> awsCredentialsSecret) {

    /** The runtime image's management port. */
    public static final int MANAGEMENT_PORT = 9000;

    public RuntimeEnvironment {
        storageEndpoints = Map.copyOf(storageEndpoints);
        if (port == managementPort) {
            throw new IllegalArgumentException("The runtime's serving and management ports must differ, both are " + port);
        }
    }

    /** The runtime on {@code port} with the image's management port. */
    public RuntimeEnvironment(int port, Map<String, String> storageEndpoints, Optional<String> awsCredentialsSecret) {
        this(port, MANAGEMENT_PORT, storageEndpoints, awsCredentialsSecret);
    }

    /** The runtime on {@code port}, reaching AWS the default way. */
    public static RuntimeEnvironment onAws(int port) {
        return new RuntimeEnvironment(port, MANAGEMENT_PORT, Map.of(), Optional.empty());
    }
}

package dev.fivenines.operator.desired;

import java.util.Map;
import java.util.Optional;

/**
 * What this cluster gives every runtime pod it builds, beside the blueprint: the runtime's port, and for
 * local emulators only, DynamoDB endpoints per region and a Secret of AWS credentials. On AWS both are
 * empty: the SDK finds the regional endpoints itself and the credentials through IRSA or EKS Pod Identity.
 */
public record RuntimeEnvironment(int port, Map<String, String> storageEndpoints, Optional<String> awsCredentialsSecret) {

    public RuntimeEnvironment {
        storageEndpoints = Map.copyOf(storageEndpoints);
    }

    /** The runtime on {@code port}, reaching AWS the default way. */
    public static RuntimeEnvironment onAws(int port) {
        return new RuntimeEnvironment(port, Map.of(), Optional.empty());
    }
}

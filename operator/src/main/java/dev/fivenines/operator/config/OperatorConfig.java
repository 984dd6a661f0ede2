package dev.fivenines.operator.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The operator's settings (application.properties, or environment variables such as FIVENINES_REGION). */
@ConfigMapping(prefix = "fivenines")
public interface OperatorConfig {

    /**
     * The AWS region this cluster runs in. The operator reconciles the AuthDeployments of this region and
     * reports the others as NotLocal. Required unless {@link #allRegions()} is set.
     */
    Optional<String> region();

    /**
     * Single-cluster mode: reconcile the AuthDeployments of every region from this one cluster. For
     * development and small installations; a multi-region installation runs one operator per region.
     */
    @WithDefault("false")
    boolean allRegions();

    /** The runtime's HTTP port inside the pod. */
    @WithDefault("8080")
    int runtimePort();

    /**
     * The runtime's management port inside the pod: its health probes, {@code /q/metrics} (what the rollout gate reads
     * from each pod) and {@code /stats/authorization}. Never part of the Service that traffic reaches.
     */
    @WithDefault("9000")
    int runtimeManagementPort();

    /** What the runtime pods get from this cluster beside the blueprint. */
    Runtime runtime();

    interface Runtime {
        /**
         * For local emulators only: DynamoDB endpoints for the runtime pods, as region=url entries separated by commas
         * (e.g. us-east-1=http://10.213.0.2:18000). Each runtime gets those of its storage chain. Empty on AWS.
         */
        Optional<java.util.List<String>> storageEndpoints();

        /**
         * For local emulators only: a Secret (in each AuthDeployment's namespace) whose keys become the runtime's
         * environment, e.g. AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. On AWS use IRSA or EKS Pod Identity instead.
         */
        Optional<String> awsCredentialsSecret();

        /** The settings as the workload builder takes them. */
        default dev.fivenines.operator.desired.RuntimeEnvironment environment(int port, int managementPort) {
            return new dev.fivenines.operator.desired.RuntimeEnvironment(port, managementPort,
                    RegionEndpoints.parse("fivenines.runtime.storage-endpoints", storageEndpoints().orElse(java.util.List.of())),
                    awsCredentialsSecret());
        }
    }

    /** How the operator reaches AWS (DynamoDB global tables, Route 53). */
    Aws aws();

    interface Aws {
        /**
         * Whether AuthDeployments get their DynamoDB replicas, Route 53 health checks and records. Off, the operator
         * manages the Kubernetes workload only and says so in the cloud conditions.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * DynamoDB endpoints to use instead of AWS's (local emulators), as region=url entries separated by commas,
         * e.g. us-east-1=http://127.0.0.1:8000,us-west-2=http://127.0.0.1:8001.
         */
        Optional<java.util.List<String>> dynamodbEndpoints();

        /** {@link #dynamodbEndpoints()} by region. */
        default java.util.Map<String, String> dynamodbEndpointsByRegion() {
            return RegionEndpoints.parse("fivenines.aws.dynamodb-endpoints", dynamodbEndpoints().orElse(java.util.List.of()));
        }

        /** A Route 53 endpoint to use instead of AWS's. */
        Optional<String> route53Endpoint();

        /** How often AWS resources are checked for drift when nothing else happens. */
        @WithDefault("60s")
        java.time.Duration pollInterval();

        /**
         * How long one listing of the account's Route 53 health checks answers every deployment's lookup (so a poll of
         * N deployments lists them once, not N times); a health check changed by hand is seen within it. Half the poll
         * interval when absent.
         */
        Optional<java.time.Duration> healthCheckListingTtl();

        /** How soon to look again while a replica or table is being created. */
        @WithDefault("5s")
        java.time.Duration busyRetry();
    }

    /** Leader election (active in the prod profile): one replica reconciles, the others wait. */
    LeaderElection leaderElection();

    interface LeaderElection {
        /** The Lease object's name. */
        @WithDefault("fivenines-operator-lease")
        String leaseName();

        /** The namespace of the Lease: the operator's own namespace in a cluster. */
        @WithDefault("default")
        String leaseNamespace();
    }

    default boolean isLocal(String deploymentRegion) {
        return allRegions() || region().map(deploymentRegion::equals).orElse(false);
    }
}

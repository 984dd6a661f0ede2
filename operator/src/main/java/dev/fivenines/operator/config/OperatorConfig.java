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

    /** Field manager name used for server-side apply of managed objects. */
    @WithDefault("fivenines-operator")
    String fieldManager();

    /** The runtime's HTTP port inside the pod. */
    @WithDefault("8080")
    int runtimePort();

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

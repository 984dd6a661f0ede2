package dev.fivenines.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Leader election on a Lease, so the chart can run two operator replicas: the Quarkus Operator SDK picks
 * this bean up in the profiles of {@code quarkus.operator-sdk.activate-leader-election-for-profiles}.
 */
@ApplicationScoped
public class LeaderElectionProducer {

    @Produces
    @ApplicationScoped
    LeaderElectionConfiguration leaderElection(OperatorConfig config) {
        return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(config.leaderElection().leaseName())
                .withLeaseNamespace(config.leaderElection().leaseNamespace())
                .build();
    }
}

package dev.fivenines.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

class WorkloadStateTest {

    private static Deployment deployment(int replicas, long generation, Long observed, int total, int updated, int available) {
        return new DeploymentBuilder().withNewMetadata().withName("auth").withGeneration(generation).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withObservedGeneration(observed).withReplicas(total).withUpdatedReplicas(updated)
                .withAvailableReplicas(available).endStatus().build();
    }

    @Test
    void everyUpdatedReplicaAvailableAndNoOldOneLeftIsAvailable() {
        assertThat(WorkloadState.of(deployment(2, 3, 3L, 2, 2, 2))).isEqualTo(WorkloadState.AVAILABLE);
    }

    @Test
    void anOldPodStillServingWhileTheNewOneStartsIsARolloutNotAvailability() {
        // maxSurge: the new pod is created (updated 1) while the old one is still available (available 1, total 2)
        assertThat(WorkloadState.of(deployment(1, 4, 4L, 2, 1, 1))).isEqualTo(WorkloadState.PROGRESSING);
    }

    @Test
    void aControllerThatHasNotSeenTheSpecYetIsProgressing() {
        assertThat(WorkloadState.of(deployment(1, 4, 3L, 1, 1, 1))).isEqualTo(WorkloadState.PROGRESSING);
        assertThat(WorkloadState.of(null)).isEqualTo(WorkloadState.MISSING);
    }

    @Test
    void aFinishedRolloutWithTooFewAvailableIsUnavailable() {
        assertThat(WorkloadState.of(deployment(2, 3, 3L, 2, 2, 1))).isEqualTo(WorkloadState.UNAVAILABLE);
    }
}

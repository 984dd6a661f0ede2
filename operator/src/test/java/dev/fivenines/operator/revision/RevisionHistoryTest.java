package dev.fivenines.operator.revision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.operator.Fixtures;
import dev.fivenines.operator.desired.Labels;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;

class RevisionHistoryTest {

    private static AuthBlueprint blueprint(String version) {
        AuthBlueprint blueprint = Fixtures.blueprint("ns", "auth", version);
        blueprint.getMetadata().setUid("uid-1");
        return blueprint;
    }

    @Test
    void aRecordedRevisionGivesBackTheSameSpecAndRevision() {
        AuthBlueprint blueprint = blueprint("1.4.2");
        String revision = Revision.of(blueprint.getSpec());

        ControllerRevision history = RevisionHistory.of(blueprint, revision, List.of());

        assertThat(history.getMetadata().getName()).isEqualTo("auth-" + revision);
        assertThat(history.getRevision()).isEqualTo(1L);
        assertThat(history.getMetadata().getLabels()).containsEntry(Labels.REVISION, revision).containsEntry(Labels.BLUEPRINT, "auth");
        assertThat(history.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo("uid-1"));

        blueprint.getSpec().getRuntime().setVersion("1.5.0");
        AuthBlueprint then = RevisionHistory.at(blueprint, history);
        assertThat(then.getSpec().getRuntime().getVersion()).isEqualTo("1.4.2");
        assertThat(Revision.of(then.getSpec())).isEqualTo(revision);
        assertThat(then.getMetadata()).isSameAs(blueprint.getMetadata());
    }

    @Test
    void revisionsAreNumberedInOrderAndFoundByName() {
        AuthBlueprint blueprint = blueprint("1.4.2");
        List<ControllerRevision> histories = new ArrayList<>();
        for (String version : List.of("1.4.2", "1.5.0", "1.6.0")) {
            blueprint.getSpec().getRuntime().setVersion(version);
            histories.add(RevisionHistory.of(blueprint, Revision.of(blueprint.getSpec()), histories));
        }

        assertThat(histories).extracting(ControllerRevision::getRevision).containsExactly(1L, 2L, 3L);
        blueprint.getSpec().getRuntime().setVersion("1.5.0");
        assertThat(RevisionHistory.find(histories, "auth", Revision.of(blueprint.getSpec()))).get()
                .extracting(ControllerRevision::getRevision).isEqualTo(2L);
        assertThat(RevisionHistory.find(histories, "auth", "0000000000")).isEmpty();
    }

    @Test
    void theOldestBeyondTheLimitArePrunedUnlessADeploymentStillRunsThem() {
        AuthBlueprint blueprint = blueprint("1.0.0");
        List<ControllerRevision> histories = new ArrayList<>();
        for (int i = 0; i < RevisionHistory.LIMIT + 3; i++) {
            blueprint.getSpec().getRuntime().setVersion("1." + i + ".0");
            histories.add(RevisionHistory.of(blueprint, Revision.of(blueprint.getSpec()), histories));
        }
        String oldest = histories.get(0).getMetadata().getLabels().get(Labels.REVISION);

        assertThat(RevisionHistory.prunable(histories, Set.of())).extracting(ControllerRevision::getRevision)
                .containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(RevisionHistory.prunable(histories, Set.of(oldest))).extracting(ControllerRevision::getRevision)
                .containsExactlyInAnyOrder(2L, 3L);
    }
}

package dev.fivenines.operator.revision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.RolloutBaseline;
import dev.fivenines.operator.Fixtures;

/** spec.rollout says how a revision travels; changing it must not make a new revision (and so restart the rollout). */
class RevisionIgnoresRolloutPolicyTest {

    @Test
    void pausingOrRetuningTheRolloutKeepsTheRevision() {
        AuthBlueprint blueprint = Fixtures.blueprint("ns", "auth", "1.4.2");
        String before = Revision.of(blueprint.getSpec());

        blueprint.getSpec().getRollout().setPaused(true);
        blueprint.getSpec().getRollout().setSkipBuckets(true);
        blueprint.getSpec().getRollout().getGate().setBaseline(RolloutBaseline.Floor);
        blueprint.getSpec().getRollout().getGate().setFloor(0.99);
        blueprint.getSpec().getRollout().setBakeSeconds(900);

        assertThat(Revision.of(blueprint.getSpec())).isEqualTo(before);
    }

    @Test
    void theRevisionIsTheHashOfTheSpecWithoutItsRolloutSoExistingBlueprintsKeepTheirs() {
        AuthBlueprint blueprint = Fixtures.blueprint("ns", "auth", "1.4.2");
        ObjectNode withoutRollout = JsonMapper.builder().build().valueToTree(blueprint.getSpec());
        assertThat(withoutRollout.remove("rollout")).as("the spec serializes its rollout").isNotNull();

        assertThat(Revision.of(blueprint.getSpec())).isEqualTo(Revision.of(withoutRollout));
    }

    @Test
    void everythingElseInTheSpecStillMakesANewRevision() {
        String before = Revision.of(Fixtures.blueprint("ns", "auth", "1.4.2").getSpec());

        assertThat(Revision.of(Fixtures.blueprint("ns", "auth", "1.4.3").getSpec())).isNotEqualTo(before);
    }
}

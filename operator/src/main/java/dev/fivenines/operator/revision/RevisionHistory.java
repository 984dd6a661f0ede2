package dev.fivenines.operator.revision;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthBlueprintSpec;
import dev.fivenines.operator.desired.Labels;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * A blueprint's revision history as {@code apps/v1} ControllerRevisions, the Kubernetes convention (a
 * Deployment's ReplicaSets, a StatefulSet's revisions): one per revision, named
 * {@code <blueprint>-<revision>}, owned by the blueprint, holding the blueprint's spec at that revision
 * (without {@code rollout}, which is not part of a revision) so an earlier revision can be applied again
 * exactly.
 */
public final class RevisionHistory {

    /** How many revisions are kept; revisions a deployment still runs are kept beyond it. */
    public static final int LIMIT = 10;

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private RevisionHistory() {
    }

    public static String name(String blueprint, String revision) {
        return blueprint + "-" + revision;
    }

    /** The ControllerRevision of the blueprint's current spec, numbered after the highest in {@code existing}. */
    public static ControllerRevision of(AuthBlueprint blueprint, String revision, Collection<ControllerRevision> existing) {
        long number = existing.stream().map(ControllerRevision::getRevision).filter(Objects::nonNull).mapToLong(Long::longValue)
                .max().orElse(0) + 1;
        Map<String, Object> spec = new java.util.LinkedHashMap<>(SERIALIZATION.convertValue(blueprint.getSpec(), Map.class));
        spec.remove("rollout");
        ControllerRevision history = new ControllerRevision();
        history.setMetadata(new ObjectMetaBuilder()
                .withName(name(blueprint.getMetadata().getName(), revision))
                .withNamespace(blueprint.getMetadata().getNamespace())
                .withLabels(Map.of(Labels.MANAGED_BY, Labels.OPERATOR, Labels.BLUEPRINT, blueprint.getMetadata().getName(),
                        Labels.REVISION, revision))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(blueprint.getApiVersion()).withKind(blueprint.getKind())
                        .withName(blueprint.getMetadata().getName()).withUid(blueprint.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .build());
        history.setRevision(number);
        history.setData(Map.of("spec", spec));
        return history;
    }

    /** The blueprint as it was at a recorded revision: its metadata, the recorded spec. */
    public static AuthBlueprint at(AuthBlueprint blueprint, ControllerRevision history) {
        // read from the API server, data is a raw extension; built here, a map: both convert to a map
        Map<?, ?> data = history.getData() == null ? Map.of() : SERIALIZATION.convertValue(history.getData(), Map.class);
        Object spec = data.get("spec");
        if (spec == null) {
            throw new IllegalStateException("ControllerRevision " + history.getMetadata().getName() + " holds no spec");
        }
        AuthBlueprint then = new AuthBlueprint();
        then.setMetadata(blueprint.getMetadata());
        then.setSpec(SERIALIZATION.convertValue(spec, AuthBlueprintSpec.class));
        return then;
    }

    public static Optional<ControllerRevision> find(Collection<ControllerRevision> histories, String blueprint, String revision) {
        String name = name(blueprint, revision);
        return histories.stream().filter(h -> name.equals(h.getMetadata().getName())).findFirst();
    }

    /** The blueprint's revisions beyond the newest {@link #LIMIT}, except those still in use. */
    public static List<ControllerRevision> prunable(Collection<ControllerRevision> histories, Set<String> inUse) {
        List<ControllerRevision> newestFirst = histories.stream()
                .sorted(Comparator.comparing((ControllerRevision h) -> h.getRevision() == null ? 0L : h.getRevision()).reversed())
                .toList();
        return newestFirst.stream().skip(LIMIT)
                .filter(h -> !inUse.contains(h.getMetadata().getLabels() == null ? null : h.getMetadata().getLabels().get(Labels.REVISION)))
                .toList();
    }
}

package dev.fivenines.operator.reconciler;

import java.util.Objects;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;

/**
 * The smallest status patch: only name, namespace and the new status, so a patch never carries a stale
 * spec or metadata; none at all when the status is unchanged (a resync writes nothing).
 */
final class StatusPatch {

    private StatusPatch() {
    }

    /** @return the patch, or null when {@code next} equals the resource's status */
    static <S, R extends CustomResource<?, S>> R ifChanged(R resource, S next, Supplier<R> empty) {
        if (Objects.equals(resource.getStatus(), next)) {
            return null;
        }
        return of(resource, next, empty);
    }

    static <S, R extends CustomResource<?, S>> R of(R resource, S next, Supplier<R> empty) {
        R patch = empty.get();
        patch.setMetadata(new ObjectMetaBuilder().withName(resource.getMetadata().getName())
                .withNamespace(resource.getMetadata().getNamespace()).build());
        patch.setStatus(next);
        return patch;
    }
}

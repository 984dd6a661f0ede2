package dev.fivenines.operator.reconciler;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.operator.desired.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * What wakes the AuthDeployment reconciler: its blueprint (a change reaches every deployment that names
 * it) and the objects it manages, its region's consistency CronJob included (a hand edit or deletion is seen at once).
 */
final class DeploymentEventSources {

    static final String BLUEPRINT_INDEX = "blueprint";
    static final List<Class<? extends HasMetadata>> MANAGED_KINDS = List.of(ServiceAccount.class, ConfigMap.class,
            Deployment.class, Service.class, PodDisruptionBudget.class);

    private DeploymentEventSources() {
    }

    static List<EventSource<?, AuthDeployment>> of(EventSourceContext<AuthDeployment> context) {
        context.getPrimaryCache().addIndexer(BLUEPRINT_INDEX, deployment -> List.of(key(
                deployment.getSpec().getBlueprint(), deployment.getMetadata().getNamespace())));
        List<EventSource<?, AuthDeployment>> sources = new ArrayList<>();
        sources.add(new InformerEventSource<>(InformerEventSourceConfiguration.from(AuthBlueprint.class, AuthDeployment.class)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(blueprint -> context.getPrimaryCache()
                        .byIndex(BLUEPRINT_INDEX, key(blueprint.getMetadata().getName(), blueprint.getMetadata().getNamespace()))
                        .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper((AuthDeployment deployment) -> Set.of(
                        new ResourceID(deployment.getSpec().getBlueprint(), deployment.getMetadata().getNamespace())))
                .build(), context));
        sources.add(new InformerEventSource<>(InformerEventSourceConfiguration.from(ControllerRevision.class, AuthDeployment.class)
                .withNamespacesInheritedFromController()
                .withLabelSelector(Labels.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(history -> context.getPrimaryCache()
                        .byIndex(BLUEPRINT_INDEX, key(history.getMetadata().getLabels().get(Labels.BLUEPRINT), history.getMetadata().getNamespace()))
                        .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build(), context));
        for (Class<? extends HasMetadata> kind : MANAGED_KINDS) {
            sources.add(managed(kind, context));
        }
        // the region's consistency CronJob wakes its holder (a hand deletion is put back at once)
        sources.add(managed(io.fabric8.kubernetes.api.model.batch.v1.CronJob.class, context));
        return sources;
    }

    private static <R extends HasMetadata> InformerEventSource<R, AuthDeployment> managed(Class<R> kind,
            EventSourceContext<AuthDeployment> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(kind, AuthDeployment.class)
                .withName(kind.getSimpleName())
                .withNamespacesInheritedFromController()
                .withLabelSelector(Labels.MANAGED_SELECTOR)
                .build(), context);
    }

    private static String key(String name, String namespace) {
        return namespace + "/" + name;
    }
}

package dev.fivenines.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * What {@code helm template} rendered, object by object: typed objects for Kubernetes' own kinds, generic ones for
 * the others (ServiceMonitor, PodMonitor, PrometheusRule), whose CRDs are not installed where the tests run.
 */
final class RenderedChart {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final List<HasMetadata> objects;

    private RenderedChart(List<HasMetadata> objects) {
        this.objects = objects;
    }

    static RenderedChart of(String rendered) {
        return new RenderedChart(Arrays.stream(rendered.split("(?m)^---\\s*$"))
                .filter(document -> document.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#")))
                .map(document -> (HasMetadata) SERIALIZATION.unmarshal(document))
                .toList());
    }

    List<HasMetadata> all() {
        return objects;
    }

    List<HasMetadata> ofKind(String kind) {
        return objects.stream().filter(object -> object.getKind().equals(kind)).toList();
    }

    Optional<HasMetadata> find(String kind, String name) {
        return ofKind(kind).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(object -> object.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " rendered; rendered: " + names()));
    }

    GenericKubernetesResource generic(String kind, String name) {
        return find(kind, name).map(GenericKubernetesResource.class::cast)
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered; rendered: " + names()));
    }

    List<String> names() {
        return objects.stream().map(object -> object.getKind() + "/" + object.getMetadata().getName()).toList();
    }
}

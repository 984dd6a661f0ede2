package dev.fivenines.operator.drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * What was added by hand to a managed Deployment's pod template where the operator declares nothing: an annotation or a
 * label on the template, a container or init container (a sidecar), a volume, an environment variable, an envFrom
 * source or a volume mount of a declared container. {@link DriftDetector} compares the declared fields only, and a
 * server-side apply never removes fields another manager set, so these would stay; each is drift, removed with a JSON
 * patch ({@link #removals}) that tests each item before it removes it. Fields the API server defaults inside declared objects are not additions.
 *
 * <p>Left alone: {@code kubectl.kubernetes.io/restartedAt}, which {@code kubectl rollout restart} writes to restart the
 * pods on purpose (removing it would restart them again).
 */
public final class TemplateAdditions {

    /** Annotations of the pod template that people add on purpose and that carry no configuration. */
    static final Set<String> ALLOWED_ANNOTATIONS = Set.of("kubectl.kubernetes.io/restartedAt");

    /**
     * One addition.
     *
     * @param field where, as the drift report names it (e.g. {@code spec.template.spec.containers[0].env[DEBUG]})
     * @param value what was added, shortened
     * @param pointer its JSON pointer in the live object, for the patch that removes it
     * @param testPath what the patch tests first (the item's name, or the entry itself), so a patch made from a stale copy
     *        is refused instead of removing something else
     * @param testValue the value found there
     */
    public record Addition(String field, String value, String pointer, String testPath, Object testValue) {
    }

    private TemplateAdditions() {
    }

    public static List<Addition> find(Deployment declared, Deployment live) {
        List<Addition> found = new ArrayList<>();
        if (declared.getSpec() == null || live == null || live.getSpec() == null || live.getSpec().getTemplate() == null) {
            return found;
        }
        PodTemplateSpec want = declared.getSpec().getTemplate();
        PodTemplateSpec have = live.getSpec().getTemplate();
        String base = "spec.template";
        if (have.getMetadata() != null) {
            Map<String, String> wantAnnotations = want.getMetadata() == null ? null : want.getMetadata().getAnnotations();
            extraKeys(found, base + ".metadata.annotations", "/spec/template/metadata/annotations", wantAnnotations,
                    have.getMetadata().getAnnotations(), ALLOWED_ANNOTATIONS);
            Map<String, String> wantLabels = want.getMetadata() == null ? null : want.getMetadata().getLabels();
            extraKeys(found, base + ".metadata.labels", "/spec/template/metadata/labels", wantLabels, have.getMetadata().getLabels(),
                    Set.of());
        }
        PodSpec wantPod = want.getSpec();
        PodSpec havePod = have.getSpec();
        if (havePod == null || wantPod == null) {
            return found;
        }
        extraNamed(found, base + ".spec.containers", "/spec/template/spec/containers", wantPod.getContainers(), havePod.getContainers(),
                Container::getName, c -> c.getImage());
        extraNamed(found, base + ".spec.initContainers", "/spec/template/spec/initContainers", wantPod.getInitContainers(),
                havePod.getInitContainers(), Container::getName, c -> c.getImage());
        extraNamed(found, base + ".spec.volumes", "/spec/template/spec/volumes", wantPod.getVolumes(), havePod.getVolumes(),
                v -> v.getName(), v -> v.getName());
        List<Container> haveContainers = orEmpty(havePod.getContainers());
        for (int i = 0; i < haveContainers.size(); i++) {
            Container container = haveContainers.get(i);
            Container declaredContainer = orEmpty(wantPod.getContainers()).stream()
                    .filter(c -> Objects.equals(c.getName(), container.getName())).findFirst().orElse(null);
            if (declaredContainer == null) {
                continue;
            }
            String field = base + ".spec.containers[" + i + "]";
            String pointer = "/spec/template/spec/containers/" + i;
            extraNamed(found, field + ".env", pointer + "/env", declaredContainer.getEnv(), container.getEnv(), e -> e.getName(),
                    e -> e.getValueFrom() != null ? "from " + source(e.getValueFrom()) : "a value, not shown");
            extraNamed(found, field + ".volumeMounts", pointer + "/volumeMounts", declaredContainer.getVolumeMounts(),
                    container.getVolumeMounts(), m -> m.getName() + "@" + m.getMountPath(), m -> m.getName() + " at " + m.getMountPath(),
                    "mountPath", m -> m.getMountPath());
            List<io.fabric8.kubernetes.api.model.EnvFromSource> envFrom = orEmpty(container.getEnvFrom());
            for (int j = 0; j < envFrom.size(); j++) {
                if (!orEmpty(declaredContainer.getEnvFrom()).contains(envFrom.get(j))) {
                    found.add(new Addition(field + ".envFrom[" + j + "]", envFromSource(envFrom.get(j)), pointer + "/envFrom/" + j,
                            pointer + "/envFrom/" + j, envFrom.get(j)));
                }
            }
        }
        return found;
    }

    /**
     * The JSON patch (RFC 6902) that removes the additions: deepest first, and within one list from the last index
     * down, so no removal shifts the position of another.
     */
    public static List<Map<String, Object>> removals(List<Addition> additions) {
        Comparator<Addition> order = Comparator.<Addition>comparingInt(a -> depth(a.pointer())).reversed()
                .thenComparing(a -> parent(a.pointer())).thenComparing(a -> lastIndex(a.pointer()), Comparator.reverseOrder());
        List<Map<String, Object>> patch = new ArrayList<>();
        additions.stream().sorted(order).forEach(a -> {
            patch.add(Map.of("op", "test", "path", a.testPath(), "value", a.testValue()));
            patch.add(Map.of("op", "remove", "path", a.pointer()));
        });
        return patch;
    }

    private static <T> void extraNamed(List<Addition> found, String field, String pointer, List<T> declared, List<T> live,
            Function<T, String> key, Function<T, String> describe) {
        extraNamed(found, field, pointer, declared, live, key, describe, "name", key);
    }

    private static <T> void extraNamed(List<Addition> found, String field, String pointer, List<T> declared, List<T> live,
            Function<T, String> key, Function<T, String> describe, String testField, Function<T, String> testValue) {
        List<String> declaredKeys = orEmpty(declared).stream().map(key).toList();
        List<T> items = orEmpty(live);
        for (int i = 0; i < items.size(); i++) {
            String itemKey = key.apply(items.get(i));
            if (!declaredKeys.contains(itemKey)) {
                found.add(new Addition(field + "[" + itemKey + "]", shorten(describe.apply(items.get(i))), pointer + "/" + i,
                        pointer + "/" + i + "/" + testField, testValue.apply(items.get(i))));
            }
        }
    }

    private static void extraKeys(List<Addition> found, String field, String pointer, Map<String, String> declared,
            Map<String, String> live, Set<String> allowed) {
        if (live == null) {
            return;
        }
        new java.util.TreeMap<>(live).forEach((key, value) -> {
            if ((declared == null || !declared.containsKey(key)) && !allowed.contains(key)) {
                found.add(new Addition(field + "[" + key + "]", "a value, not shown", pointer + "/" + escape(key), pointer + "/" + escape(key),
                        value));
            }
        });
    }

    /** Where a variable's value comes from, by name only (never a value: it may be a secret). */
    private static String source(io.fabric8.kubernetes.api.model.EnvVarSource from) {
        if (from.getSecretKeyRef() != null) {
            return "Secret " + from.getSecretKeyRef().getName() + " key " + from.getSecretKeyRef().getKey();
        }
        if (from.getConfigMapKeyRef() != null) {
            return "ConfigMap " + from.getConfigMapKeyRef().getName() + " key " + from.getConfigMapKeyRef().getKey();
        }
        if (from.getFieldRef() != null) {
            return "field " + from.getFieldRef().getFieldPath();
        }
        return from.getResourceFieldRef() != null ? "resource " + from.getResourceFieldRef().getResource() : "a reference";
    }

    private static String envFromSource(io.fabric8.kubernetes.api.model.EnvFromSource from) {
        if (from.getSecretRef() != null) {
            return "Secret " + from.getSecretRef().getName();
        }
        return from.getConfigMapRef() != null ? "ConfigMap " + from.getConfigMapRef().getName() : "a source";
    }

    /** RFC 6901: "~" is "~0" and "/" is "~1" in a pointer's segment. */
    static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private static int depth(String pointer) {
        return pointer.split("/").length;
    }

    private static String parent(String pointer) {
        return pointer.substring(0, pointer.lastIndexOf('/'));
    }

    private static int lastIndex(String pointer) {
        String last = pointer.substring(pointer.lastIndexOf('/') + 1);
        return last.chars().allMatch(Character::isDigit) && !last.isEmpty() ? Integer.parseInt(last) : -1;
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

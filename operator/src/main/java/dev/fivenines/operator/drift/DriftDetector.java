package dev.fivenines.operator.drift;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Compares what the operator declares for an object with what the API server holds, field by field,
 * over the declared fields only: fields other managers or the API server add (defaults, status,
 * another controller's annotations) are not drift. Quantities compare by amount ("1000m" is "1").
 */
public final class DriftDetector {

    private static final List<String> IGNORED_METADATA = List.of("resourceVersion", "uid", "creationTimestamp",
            "generation", "managedFields", "ownerReferences", "namespace");

    private DriftDetector() {
    }

    /** The first declared field that differs, or empty when the live object matches the declaration. */
    public static Optional<Drift> compare(HasMetadata declared, HasMetadata live) {
        if (live == null) {
            return Optional.of(Drift.missing(declared.getKind(), declared.getMetadata().getName()));
        }
        JsonNode want = Serialization.jsonMapper().valueToTree(declared);
        JsonNode have = Serialization.jsonMapper().valueToTree(live);
        return difference("", want, have).map(path -> new Drift(declared.getKind(), declared.getMetadata().getName(),
                path.field(), path.declared(), path.found()));
    }

    private record Difference(String field, String declared, String found) {
    }

    private static Optional<Difference> difference(String path, JsonNode want, JsonNode have) {
        if (want == null || want.isNull()) {
            return Optional.empty();
        }
        if (have == null || have.isNull() || have.isMissingNode()) {
            if (want.isContainerNode() && want.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Difference(path, render(want), "absent"));
        }
        if (want.isObject()) {
            if (!have.isObject()) {
                return Optional.of(new Difference(path, render(want), render(have)));
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = want.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (path.equals("metadata") && IGNORED_METADATA.contains(field.getKey())) {
                    continue;
                }
                if (path.isEmpty() && field.getKey().equals("status")) {
                    continue;
                }
                Optional<Difference> inner = difference(join(path, field.getKey()), field.getValue(), have.get(field.getKey()));
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        if (want.isArray()) {
            if (!have.isArray()) {
                return Optional.of(new Difference(path, render(want), render(have)));
            }
            if (have.size() < want.size()) {
                return Optional.of(new Difference(path, want.size() + " items", have.size() + " items"));
            }
            for (int i = 0; i < want.size(); i++) {
                Optional<Difference> inner = difference(path + "[" + i + "]", want.get(i), have.get(i));
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        if (sameScalar(path, want, have)) {
            return Optional.empty();
        }
        return Optional.of(new Difference(path, render(want), render(have)));
    }

    private static boolean sameScalar(String path, JsonNode want, JsonNode have) {
        if (want.equals(have) || Objects.equals(want.asText(), have.asText()) && want.getNodeType() == have.getNodeType()) {
            return true;
        }
        if (want.isNumber() && have.isNumber()) {
            return want.decimalValue().compareTo(have.decimalValue()) == 0;
        }
        if (isQuantityPath(path) && want.getNodeType() != JsonNodeType.OBJECT) {
            try {
                return new Quantity(want.asText()).getNumericalAmount().compareTo(new Quantity(have.asText()).getNumericalAmount()) == 0;
            } catch (IllegalArgumentException | ArithmeticException notAQuantity) {
                return false;
            }
        }
        return false;
    }

    private static boolean isQuantityPath(String path) {
        return path.contains(".resources.limits.") || path.contains(".resources.requests.");
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String render(JsonNode node) {
        String text = node.isValueNode() ? node.asText() : node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}

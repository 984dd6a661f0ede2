package dev.fivenines.api.v1alpha1;

import java.util.Map;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The descriptions this CRD generator cannot take from the model: a kind's root, {@code spec} and {@code status} (it
 * reads {@code @JsonPropertyDescription} of fields only, and spec and status are fields of the Fabric8 base class), and
 * the fields inside the Kubernetes types we embed (conditions, resource requirements, tolerations), whose classes
 * carry none. The input is a JSON object with the keys {@code kind}, {@code spec} and {@code status}. A JSON merge
 * patch would replace the whole spec and status schemas, so this sets descriptions and nothing else.
 */
public final class SchemaDescriptions implements SchemaCustomizer.Customizer {

    private static final Map<String, String> CONDITION = Map.of(
            "type", "The kind of condition, one CamelCase word (e.g. Ready).",
            "status", "True, False or Unknown.",
            "reason", "Why the condition is as it is, one CamelCase word.",
            "message", "What was found and what a person should do.",
            "observedGeneration", "The metadata.generation the condition was set from.",
            "lastTransitionTime", "When status last changed (RFC 3339).");
    private static final Map<String, String> RESOURCES = Map.of(
            "requests", "The amount of each resource (cpu, memory) reserved for the container; pods are scheduled by it.",
            "limits", "The most of each resource (cpu, memory) the container may use.",
            "claims", "Resource claims of the pod (dynamic resource allocation) the container uses.");
    private static final Map<String, String> CLAIM = Map.of(
            "name", "The name of one of the pod's resource claims.",
            "request", "The request of that claim to use; empty for the whole claim.");
    private static final Map<String, String> TOLERATION = Map.of(
            "key", "The taint key tolerated; empty, with operator Exists, for every taint.",
            "operator", "Equal (the default: key and value must match) or Exists (any value).",
            "value", "The taint value matched with operator Equal.",
            "effect", "The taint effect tolerated: NoSchedule, PreferNoSchedule or NoExecute; empty for all.",
            "tolerationSeconds", "NoExecute only: how long the pod stays after the taint appears; unset, for ever.");

    @Override
    public JSONSchemaProps apply(JSONSchemaProps root, String input, KubernetesSerialization serialization) {
        Map<?, ?> descriptions = serialization.unmarshal(input, Map.class);
        root.setDescription(String.valueOf(descriptions.get("kind")));
        root.getProperties().get("spec").setDescription(String.valueOf(descriptions.get("spec")));
        root.getProperties().get("status").setDescription(String.valueOf(descriptions.get("status")));
        describeKubernetesTypes(root);
        return root;
    }

    private static void describeKubernetesTypes(JSONSchemaProps schema) {
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> {
                switch (name) {
                    case "conditions" -> describe(items(property), CONDITION);
                    case "resources" -> {
                        describe(property, RESOURCES);
                        describe(items(property.getProperties().get("claims")), CLAIM);
                    }
                    case "tolerations" -> describe(items(property), TOLERATION);
                    default -> describeKubernetesTypes(property);
                }
            });
        }
        JSONSchemaProps items = items(schema);
        if (items != null) {
            describeKubernetesTypes(items);
        }
    }

    private static JSONSchemaProps items(JSONSchemaProps array) {
        return array == null || array.getItems() == null ? null : array.getItems().getSchema();
    }

    private static void describe(JSONSchemaProps object, Map<String, String> descriptions) {
        if (object == null || object.getProperties() == null) {
            return;
        }
        object.getProperties().forEach((name, property) -> {
            if (property.getDescription() == null && descriptions.containsKey(name)) {
                property.setDescription(descriptions.get(name));
            }
        });
    }
}

package dev.fivenines.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.fivenines.testing.ProjectRoot;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** {@code kubectl explain} has something to say about every field, the fields of the embedded Kubernetes types too. */
class EveryFieldIsDescribedTest {

    @ParameterizedTest
    @ValueSource(strings = {"authblueprints.fivenines.dev-v1.yml", "authdeployments.fivenines.dev-v1.yml"})
    void everySpecAndStatusFieldHasADescription(String file) throws IOException {
        String yaml = Files.readString(ProjectRoot.find().resolve("crds/generated").resolve(file));
        CustomResourceDefinition crd = new KubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
        Map<String, JSONSchemaProps> root = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties();

        List<String> undescribed = new ArrayList<>();
        collectUndescribed("spec", root.get("spec"), undescribed);
        collectUndescribed("status", root.get("status"), undescribed);

        assertThat(undescribed).as("fields without a description (@JsonPropertyDescription, or SchemaDescriptions for "
                + "Kubernetes types) in %s", file).isEmpty();
        assertThat(List.of(crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getDescription(),
                root.get("spec").getDescription(), root.get("status").getDescription()))
                .as("descriptions of the kind, its spec and its status in %s", file).allSatisfy(d -> assertThat(d).isNotBlank());
    }

    private static void collectUndescribed(String path, JSONSchemaProps schema, List<String> undescribed) {
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> {
                String child = path + "." + name;
                if (property.getDescription() == null || property.getDescription().isBlank()) {
                    undescribed.add(child);
                }
                collectUndescribed(child, property, undescribed);
            });
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            collectUndescribed(path + "[]", schema.getItems().getSchema(), undescribed);
        }
    }
}

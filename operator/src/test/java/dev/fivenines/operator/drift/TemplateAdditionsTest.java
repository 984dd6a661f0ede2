package dev.fivenines.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

class TemplateAdditionsTest {

    private static Deployment declared() {
        return new DeploymentBuilder().withNewMetadata().withName("auth-primary").endMetadata()
                .withNewSpec().withNewTemplate().withNewMetadata().withLabels(Map.of("app", "auth")).endMetadata()
                .withNewSpec().addNewContainer().withName("auth").withImage("auth:1.2.0")
                .addNewEnv().withName("FIVENINES_REGION").withValue("us-east-1").endEnv()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount().endContainer()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().endTemplate().endSpec().build();
    }

    /** The declaration as the API server holds it, defaults filled in. */
    private static DeploymentBuilder live() {
        return new DeploymentBuilder(declared()).editSpec().withRevisionHistoryLimit(10).editTemplate().editSpec()
                .withRestartPolicy("Always").editFirstContainer().withImagePullPolicy("IfNotPresent").withTerminationMessagePath("/dev/x")
                .endContainer().endSpec().endTemplate().endSpec();
    }

    @Test
    void defaultsAndARolloutRestartAreNoAdditions() {
        Deployment restarted = live().editSpec().editTemplate().editMetadata()
                .addToAnnotations("kubectl.kubernetes.io/restartedAt", "2026-12-02T10:00:00Z").endMetadata().endTemplate().endSpec().build();
        assertThat(TemplateAdditions.find(declared(), restarted)).isEmpty();
    }

    @Test
    void aVariableASidecarAVolumeAMountAndAnAnnotationAddedByHandAreEachFound() {
        Deployment tampered = live().editSpec().editTemplate()
                .editMetadata().addToAnnotations("debug/enabled", "yes").endMetadata()
                .editSpec()
                .editFirstContainer().addNewEnv().withName("DEBUG").withValue("s3cr3t").endEnv()
                .addNewVolumeMount().withName("extra").withMountPath("/extra").endVolumeMount().endContainer()
                .addNewContainer().withName("sniffer").withImage("somebody/sniffer:1").endContainer()
                .addNewVolume().withName("extra").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().endTemplate().endSpec().build();

        List<TemplateAdditions.Addition> found = TemplateAdditions.find(declared(), tampered);

        assertThat(found).extracting(TemplateAdditions.Addition::field).containsExactlyInAnyOrder(
                "spec.template.metadata.annotations[debug/enabled]",
                "spec.template.spec.containers[sniffer]",
                "spec.template.spec.volumes[extra]",
                "spec.template.spec.containers[0].env[DEBUG]",
                "spec.template.spec.containers[0].volumeMounts[extra@/extra]");
        assertThat(found).extracting(TemplateAdditions.Addition::value).as("a variable's value may be a secret").doesNotContain("s3cr3t")
                .noneMatch(v -> v.contains("s3cr3t"));
        assertThat(found).filteredOn(a -> a.field().endsWith("[sniffer]")).singleElement()
                .satisfies(a -> assertThat(a.value()).isEqualTo("somebody/sniffer:1"));
    }

    @Test
    void theRemovalPatchTestsEachItemAndRemovesDeepestAndLastFirst() {
        Deployment tampered = live().editSpec().editTemplate().editSpec()
                .editFirstContainer().addNewEnv().withName("A").withValue("1").endEnv().addNewEnv().withName("B").withValue("2").endEnv()
                .endContainer()
                .addNewContainer().withName("sniffer").withImage("somebody/sniffer:1").endContainer()
                .endSpec().endTemplate().endSpec().build();

        List<Map<String, Object>> patch = TemplateAdditions.removals(TemplateAdditions.find(declared(), tampered));

        assertThat(patch).containsExactly(
                Map.of("op", "test", "path", "/spec/template/spec/containers/0/env/2/name", "value", "B"),
                Map.of("op", "remove", "path", "/spec/template/spec/containers/0/env/2"),
                Map.of("op", "test", "path", "/spec/template/spec/containers/0/env/1/name", "value", "A"),
                Map.of("op", "remove", "path", "/spec/template/spec/containers/0/env/1"),
                Map.of("op", "test", "path", "/spec/template/spec/containers/1/name", "value", "sniffer"),
                Map.of("op", "remove", "path", "/spec/template/spec/containers/1"));
    }

    @Test
    void aKeyWithASlashIsEscapedInThePointer() {
        assertThat(TemplateAdditions.escape("debug/enabled~x")).isEqualTo("debug~1enabled~0x");
    }
}

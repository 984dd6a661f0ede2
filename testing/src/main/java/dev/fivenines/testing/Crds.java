package dev.fivenines.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Installs CustomResourceDefinitions and waits until the API server serves them. */
public final class Crds {

    private Crds() {
    }

    public static CustomResourceDefinition install(KubernetesClient client, Path yaml) {
        CustomResourceDefinition crd;
        try (InputStream in = Files.newInputStream(yaml)) {
            crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read CRD " + yaml + ": " + e.getMessage(), e);
        }
        crd.getMetadata().setResourceVersion(null);
        client.resource(crd).fieldManager("fivenines-tests").forceConflicts().serverSideApply();
        return client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                .waitUntilCondition(Crds::established, 30, TimeUnit.SECONDS);
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}

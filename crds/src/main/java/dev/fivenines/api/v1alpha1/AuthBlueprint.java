package dev.fivenines.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** The one template of an auth service: everything that must be identical in every region. */
@SchemaCustomizer(value = SchemaDescriptions.class, input = ApiDescriptions.BLUEPRINT)
@Categories(ApiGroup.CATEGORY)
@Group(ApiGroup.NAME)
@Version(ApiGroup.VERSION)
@Plural("authblueprints")
@Singular("authblueprint")
@ShortNames("abp")
@AdditionalPrinterColumn(name = "Version", jsonPath = ".spec.runtime.version", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.readyDeployments", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Feasible", jsonPath = ".status.conditions[?(@.type==\"ReliabilityFeasible\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Revision", jsonPath = ".status.revision", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Rollout", jsonPath = ".status.rollout.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Bucket", jsonPath = ".status.rollout.bucket", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Remote", jsonPath = ".status.remoteDeployments", type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "Message", jsonPath = ".status.conditions[?(@.type==\"Ready\")].message",
        type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class AuthBlueprint extends CustomResource<AuthBlueprintSpec, AuthBlueprintStatus> implements Namespaced {
}

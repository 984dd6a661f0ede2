package dev.fivenines.operator;

import java.util.List;
import java.util.Map;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthBlueprintSpec;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.AuthDeploymentSpec;
import dev.fivenines.api.v1alpha1.DependencySpec;
import dev.fivenines.api.v1alpha1.Overrides;
import dev.fivenines.api.v1alpha1.ReliabilitySpec;
import dev.fivenines.api.v1alpha1.RuntimeSpec;
import dev.fivenines.api.v1alpha1.StorageSpec;
import dev.fivenines.api.v1alpha1.TokensSpec;
import dev.fivenines.api.v1alpha1.Variant;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;

/** Blueprints and deployments for tests, shaped like the samples. */
public final class Fixtures {

    private Fixtures() {
    }

    public static AuthBlueprint blueprint(String namespace, String name, String version) {
        RuntimeSpec runtime = new RuntimeSpec();
        runtime.setImage("ghcr.io/fivenines/auth-runtime");
        runtime.setVersion(version);
        runtime.setReplicas(3);
        runtime.setResources(new ResourceRequirementsBuilder().withRequests(Map.of("cpu", new Quantity("500m"), "memory",
                new Quantity("512Mi"))).build());
        TokensSpec tokens = new TokensSpec();
        tokens.setIssuer("https://auth.example.com");
        StorageSpec storage = new StorageSpec();
        storage.setHomeRegion("us-east-1");
        ReliabilitySpec reliability = new ReliabilitySpec();
        DependencySpec dynamo = new DependencySpec();
        dynamo.setName("dynamodb-regional");
        dynamo.setAvailability("99.99");
        reliability.setDependencies(List.of(dynamo));

        AuthBlueprintSpec spec = new AuthBlueprintSpec();
        spec.setRuntime(runtime);
        spec.setTokens(tokens);
        spec.setStorage(storage);
        spec.setReliability(reliability);
        AuthBlueprint blueprint = new AuthBlueprint();
        blueprint.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        blueprint.setSpec(spec);
        return blueprint;
    }

    public static AuthDeployment deployment(String namespace, String name, String blueprint, Variant variant, String region) {
        AuthDeploymentSpec spec = new AuthDeploymentSpec();
        spec.setBlueprint(blueprint);
        spec.setVariant(variant);
        spec.setRegion(region);
        switch (variant) {
            case Backup -> spec.setBackupOf(name.replace("backup", "primary"));
            case Dedicated -> spec.setCustomer("acme");
            case Edge -> spec.setFailoverRegions(List.of("us-west-2", "eu-west-1"));
            case Primary -> { }
        }
        AuthDeployment deployment = new AuthDeployment();
        deployment.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withUid("uid-" + name).build());
        deployment.setSpec(spec);
        return deployment;
    }

    /** A deployment with every override declared. */
    public static AuthDeployment withOverrides(AuthDeployment deployment) {
        Overrides overrides = new Overrides();
        overrides.setReplicas(5);
        overrides.setResources(new ResourceRequirementsBuilder().withRequests(Map.of("cpu", new Quantity("2"))).build());
        overrides.setNodeSelector(Map.of("node.kubernetes.io/instance-type", "c7g.large"));
        overrides.setTolerations(List.of(new TolerationBuilder().withKey("dedicated").withOperator("Equal").withValue("acme")
                .withEffect("NoSchedule").build()));
        deployment.getSpec().setOverrides(overrides);
        return deployment;
    }
}

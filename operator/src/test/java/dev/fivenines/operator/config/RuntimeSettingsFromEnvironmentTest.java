package dev.fivenines.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The settings for emulators as the chart gives them to the operator: environment variables only. */
class RuntimeSettingsFromEnvironmentTest {

    private static OperatorConfig fromEnvironment(Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(OperatorConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new EnvConfigSource(env, 300)).build();
        return config.getConfigMapping(OperatorConfig.class);
    }

    @Test
    void storageEndpointsComeFromOneVariableAndRegionsKeepTheirDashes() {
        var environment = fromEnvironment(Map.of("FIVENINES_RUNTIME_STORAGE_ENDPOINTS",
                "eu-west-1=http://10.213.0.2:18001,us-east-1=http://10.213.0.2:18000",
                "FIVENINES_RUNTIME_AWS_CREDENTIALS_SECRET", "local-aws")).runtime().environment(8080, 9000);
        assertThat(environment.storageEndpoints()).containsOnly(Map.entry("eu-west-1", "http://10.213.0.2:18001"),
                Map.entry("us-east-1", "http://10.213.0.2:18000"));
        assertThat(environment.awsCredentialsSecret()).contains("local-aws");
        assertThat(environment.port()).isEqualTo(8080);
    }

    @Test
    void theOperatorsOwnDynamoDbEndpointsComeFromOneVariableToo() {
        var aws = fromEnvironment(Map.of("FIVENINES_AWS_DYNAMODB_ENDPOINTS",
                "us-east-1=http://127.0.0.1:8000,us-west-2=http://127.0.0.1:8001")).aws();
        assertThat(aws.dynamodbEndpointsByRegion()).containsOnly(Map.entry("us-east-1", "http://127.0.0.1:8000"),
                Map.entry("us-west-2", "http://127.0.0.1:8001"));
        assertThat(fromEnvironment(Map.of()).aws().dynamodbEndpointsByRegion()).isEmpty();
    }

    @Test
    void withoutTheVariablesTheRuntimeReachesAwsTheDefaultWay() {
        var environment = fromEnvironment(Map.of()).runtime().environment(8080, 9000);
        assertThat(environment.storageEndpoints()).isEmpty();
        assertThat(environment.awsCredentialsSecret()).isEmpty();
    }

    @Test
    void anEntryWithoutARegionIsRefusedNamingTheSetting() {
        var runtime = fromEnvironment(Map.of("FIVENINES_RUNTIME_STORAGE_ENDPOINTS", "http://10.213.0.2:18000")).runtime();
        assertThatThrownBy(() -> runtime.environment(8080, 9000)).hasMessageContaining("fivenines.runtime.storage-endpoints")
                .hasMessageContaining("is not region=url");
    }
}

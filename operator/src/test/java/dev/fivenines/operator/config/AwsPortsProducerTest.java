package dev.fivenines.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fivenines.aws.sdk.AwsSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** How the operator's settings become the SDK clients' behind the AWS ports. */
class AwsPortsProducerTest {

    private static OperatorConfig fromEnvironment(Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(OperatorConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new EnvConfigSource(env, 300)).build();
        return config.getConfigMapping(OperatorConfig.class);
    }

    @Test
    void withoutEndpointsTheClientsUseAwsOwnAndTheDefaultCredentialsChain() {
        // and one health check listing shared for half the 60 s poll interval
        assertThat(AwsPortsProducer.settings(fromEnvironment(Map.of()).aws()))
                .isEqualTo(AwsSettings.defaults().withHealthCheckListingTtl(Duration.ofSeconds(30)));
    }

    @Test
    void theHealthCheckListingFollowsThePollIntervalUnlessItIsSet() {
        assertThat(AwsPortsProducer.settings(fromEnvironment(Map.of("FIVENINES_AWS_POLL_INTERVAL", "10s")).aws()).healthCheckListingTtl())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(AwsPortsProducer.settings(fromEnvironment(Map.of("FIVENINES_AWS_POLL_INTERVAL", "10s",
                "FIVENINES_AWS_HEALTH_CHECK_LISTING_TTL", "0s")).aws()).healthCheckListingTtl()).isZero();
    }

    @Test
    void emulatorEndpointsReachTheClientsByRegion() {
        OperatorConfig config = fromEnvironment(Map.of(
                "FIVENINES_AWS_DYNAMODB_ENDPOINTS", "us-east-1=http://127.0.0.1:8000,eu-west-1=http://127.0.0.1:8001",
                "FIVENINES_AWS_ROUTE53_ENDPOINT", "http://127.0.0.1:5000"));

        AwsSettings settings = AwsPortsProducer.settings(config.aws());

        assertThat(settings.dynamoDbEndpoints()).containsOnly(Map.entry("us-east-1", URI.create("http://127.0.0.1:8000")),
                Map.entry("eu-west-1", URI.create("http://127.0.0.1:8001")));
        assertThat(settings.route53Endpoint()).contains(URI.create("http://127.0.0.1:5000"));
        assertThat(settings.staticCredentials()).as("credentials come from the default chain, as in a cluster").isEmpty();
    }
}

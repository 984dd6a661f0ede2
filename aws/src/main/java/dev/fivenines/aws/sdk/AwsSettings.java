package dev.fivenines.aws.sdk;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the adapters reach AWS.
 *
 * @param dynamoDbEndpoints  per region, an endpoint to use instead of AWS's (local emulators); regions not listed use
 *                           AWS's endpoint
 * @param route53Endpoint    an endpoint to use instead of AWS's Route 53
 * @param staticCredentials  fixed credentials (emulators); empty means the default provider chain (environment,
 *                           system properties, web identity token, profile, container and instance roles)
 * @param apiCallTimeout     longest time for one call, retries included
 * @param maxAttempts        attempts per call (the SDK retries throttling and server errors with backoff)
 * @param healthCheckListingTtl how long one listing of the account's health checks (with the tags of Fivenines' own)
 *                           answers every deployment's lookup; zero lists again on every lookup
 */
public record AwsSettings(Map<String, URI> dynamoDbEndpoints, Optional<URI> route53Endpoint,
        Optional<StaticCredentials> staticCredentials, Duration apiCallTimeout, int maxAttempts, Duration healthCheckListingTtl) {

    public AwsSettings {
        dynamoDbEndpoints = Map.copyOf(dynamoDbEndpoints);
        Objects.requireNonNull(route53Endpoint, "route53Endpoint");
        Objects.requireNonNull(staticCredentials, "staticCredentials");
        Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
        if (apiCallTimeout.isNegative() || apiCallTimeout.isZero()) {
            throw new IllegalArgumentException("The call timeout must be positive: " + apiCallTimeout);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("At least one attempt: " + maxAttempts);
        }
        Objects.requireNonNull(healthCheckListingTtl, "healthCheckListingTtl");
        if (healthCheckListingTtl.isNegative()) {
            throw new IllegalArgumentException("The health check listing's lifetime must not be negative: " + healthCheckListingTtl);
        }
    }

    /** AWS's own endpoints, the default credentials chain, 30 s per call, 3 attempts, health checks listed on every lookup. */
    public static AwsSettings defaults() {
        return new AwsSettings(Map.of(), Optional.empty(), Optional.empty(), Duration.ofSeconds(30), 3, Duration.ZERO);
    }

    public AwsSettings withDynamoDbEndpoint(String region, URI endpoint) {
        Map<String, URI> endpoints = new LinkedHashMap<>(dynamoDbEndpoints);
        endpoints.put(region, endpoint);
        return new AwsSettings(endpoints, route53Endpoint, staticCredentials, apiCallTimeout, maxAttempts, healthCheckListingTtl);
    }

    public AwsSettings withDynamoDbEndpoints(Map<String, URI> endpoints) {
        Map<String, URI> all = new LinkedHashMap<>(dynamoDbEndpoints);
        all.putAll(endpoints);
        return new AwsSettings(all, route53Endpoint, staticCredentials, apiCallTimeout, maxAttempts, healthCheckListingTtl);
    }

    public AwsSettings withRoute53Endpoint(URI endpoint) {
        return new AwsSettings(dynamoDbEndpoints, Optional.of(endpoint), staticCredentials, apiCallTimeout, maxAttempts, healthCheckListingTtl);
    }

    public AwsSettings withStaticCredentials(String accessKeyId, String secretAccessKey) {
        return new AwsSettings(dynamoDbEndpoints, route53Endpoint,
                Optional.of(new StaticCredentials(accessKeyId, secretAccessKey)), apiCallTimeout, maxAttempts, healthCheckListingTtl);
    }

    public AwsSettings withApiCallTimeout(Duration timeout) {
        return new AwsSettings(dynamoDbEndpoints, route53Endpoint, staticCredentials, timeout, maxAttempts, healthCheckListingTtl);
    }

    public AwsSettings withMaxAttempts(int attempts) {
        return new AwsSettings(dynamoDbEndpoints, route53Endpoint, staticCredentials, apiCallTimeout, attempts, healthCheckListingTtl);
    }

    public AwsSettings withHealthCheckListingTtl(Duration ttl) {
        return new AwsSettings(dynamoDbEndpoints, route53Endpoint, staticCredentials, apiCallTimeout, maxAttempts, ttl);
    }
}

package dev.fivenines.aws.sdk;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.fivenines.testing.aws.LocalCloud;

/** The local cloud: one DynamoDB Local per region behind the global-table emulation, moto's Route 53. */
final class LocalTarget implements Target {

    private final LocalCloud cloud;
    private final String zoneId;
    private final String zoneName;

    private LocalTarget(LocalCloud cloud, String zoneId, String zoneName) {
        this.cloud = cloud;
        this.zoneId = zoneId;
        this.zoneName = zoneName;
    }

    /** A target on the cloud, with a hosted zone of its own. */
    static LocalTarget on(LocalCloud cloud) {
        String zoneName = "fivenines-" + UUID.randomUUID().toString().substring(0, 8) + ".test.";
        try (AwsClients clients = AwsClients.create(settings(cloud))) {
            String zoneId = clients.route53().createHostedZone(b -> b.name(zoneName).callerReference(zoneName))
                    .hostedZone().id();
            return new LocalTarget(cloud, zoneId.substring(zoneId.lastIndexOf('/') + 1), zoneName);
        }
    }

    static AwsSettings settings(LocalCloud cloud) {
        return AwsSettings.defaults()
                .withDynamoDbEndpoints(cloud.dynamoDbEndpoints())
                .withRoute53Endpoint(cloud.route53Endpoint())
                .withStaticCredentials(LocalCloud.ACCESS_KEY_ID, LocalCloud.SECRET_ACCESS_KEY)
                .withApiCallTimeout(Duration.ofSeconds(10))
                .withMaxAttempts(2);
    }

    LocalCloud cloud() {
        return cloud;
    }

    @Override
    public AwsSettings settings() {
        return settings(cloud);
    }

    @Override
    public List<String> regions() {
        return cloud.regions();
    }

    @Override
    public Duration tableTimeout() {
        return cloud.replicaChangeDuration().multipliedBy(10).plusSeconds(10);
    }

    @Override
    public String hostedZoneId() {
        return zoneId;
    }

    @Override
    public String zoneName() {
        return zoneName;
    }
}

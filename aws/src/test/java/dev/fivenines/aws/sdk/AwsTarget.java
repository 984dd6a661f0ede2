package dev.fivenines.aws.sdk;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A real AWS account, used only when {@code FIVENINES_AWS_IT=true} and the default credentials chain finds
 * credentials; otherwise the tests are skipped, saying why. Settings:
 * <ul>
 *   <li>{@code FIVENINES_AWS_IT_REGIONS}: three regions, home first (default us-east-1,us-west-2,eu-west-1)</li>
 *   <li>{@code FIVENINES_AWS_IT_HOSTED_ZONE_ID}: a hosted zone the tests may add and remove records in (required
 *       for the DNS tests)</li>
 * </ul>
 * Every table, health check and record the tests create has a unique name and is removed in a finally block.
 */
final class AwsTarget implements Target {

    static final String ENABLE = "FIVENINES_AWS_IT";

    private final List<String> regions;
    private final String zoneId;
    private final String zoneName;

    private AwsTarget(List<String> regions, String zoneId, String zoneName) {
        this.regions = regions;
        this.zoneId = zoneId;
        this.zoneName = zoneName;
    }

    private static AwsTarget enabled;

    /** The account, or the calling test is skipped with the reason. */
    static synchronized AwsTarget requireEnabled() {
        if (enabled == null) {
            enabled = connect();
        }
        return enabled;
    }

    private static AwsTarget connect() {
        Optional<String> reason = whyDisabled();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "Real-AWS contract test skipped: " + reason.orElse(""));
        List<String> regions = Arrays.stream(System.getenv().getOrDefault("FIVENINES_AWS_IT_REGIONS",
                "us-east-1,us-west-2,eu-west-1").split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
        if (regions.size() < 3) {
            throw new IllegalStateException("FIVENINES_AWS_IT_REGIONS needs three regions, home first: " + regions);
        }
        String zoneId = System.getenv("FIVENINES_AWS_IT_HOSTED_ZONE_ID");
        String zoneName = null;
        if (zoneId != null && !zoneId.isBlank()) {
            try (AwsClients clients = AwsClients.create(AwsSettings.defaults())) {
                zoneName = clients.route53().getHostedZone(b -> b.id(zoneId)).hostedZone().name();
            }
        }
        return new AwsTarget(regions, zoneId, zoneName);
    }

    private static Optional<String> whyDisabled() {
        if (!"true".equals(System.getenv(ENABLE))) {
            return Optional.of(ENABLE + " is not 'true'. Set it, with AWS credentials the default chain finds, to run "
                    + "the adapters against a real account (it creates and deletes tables, replicas, health checks and "
                    + "records, which costs a little).");
        }
        try (DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build()) {
            credentials.resolveCredentials();
            return Optional.empty();
        } catch (SdkClientException e) {
            return Optional.of(ENABLE + "=true but the default credentials chain found no AWS credentials: " + e.getMessage());
        }
    }

    @Override
    public AwsSettings settings() {
        return AwsSettings.defaults().withApiCallTimeout(Duration.ofSeconds(60)).withMaxAttempts(5);
    }

    @Override
    public List<String> regions() {
        return regions;
    }

    @Override
    public Duration tableTimeout() {
        return Duration.ofMinutes(40);
    }

    @Override
    public String hostedZoneId() {
        if (zoneId == null || zoneId.isBlank()) {
            throw new IllegalStateException("Set FIVENINES_AWS_IT_HOSTED_ZONE_ID to a hosted zone the DNS tests may use");
        }
        return zoneId;
    }

    @Override
    public String zoneName() {
        hostedZoneId();
        return zoneName;
    }
}

package dev.fivenines.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fivenines.aws.AccessDenied;
import dev.fivenines.aws.CloudException;
import dev.fivenines.aws.HealthCheckSpec;
import dev.fivenines.aws.HealthChecksContract;
import dev.fivenines.aws.Unavailable;
import dev.fivenines.testing.aws.LocalCloud;
import dev.fivenines.testing.aws.WithLocalCloud;

/**
 * The health-checks contract on the local cloud (moto's Route 53, its health checkers probing every 200 ms), and the
 * failures only it can inject.
 */
@WithLocalCloud(healthCheckIntervalMillis = 200)
class HealthChecksOnLocalCloudTest extends HealthChecksContract {

    private static LocalTarget target;

    @BeforeAll
    static void connect(LocalCloud cloud) {
        target = LocalTarget.on(cloud);
    }

    @Override
    protected Fixture openFixture() {
        return new AdaptersFixture(target);
    }

    @AfterEach
    void clearFaults() {
        target.cloud().clearFaults();
    }

    @Test
    void aMissingPermissionToCreateHealthChecksNamesTheAction() {
        target.cloud().route53Faults().denyAccess("route53:CreateHealthCheck");

        assertThatThrownBy(() -> checks.create(target.unique("owner"),
                HealthCheckSpec.https("auth.example.com", 443, "/q/health/deep", 30, 3)))
                .isInstanceOf(AccessDenied.class)
                .hasMessageContaining("Grant route53:CreateHealthCheck")
                .satisfies(e -> assertThat(((CloudException) e).region()).isEmpty());
    }

    @Test
    void route53NotAnsweringIsUnavailable() {
        target.cloud().route53Faults().stop();

        assertThatThrownBy(() -> checks.findByOwner(target.unique("owner")))
                .isInstanceOf(Unavailable.class)
                .hasMessageContaining("Route 53 did not answer route53:ListHealthChecks");
    }
}

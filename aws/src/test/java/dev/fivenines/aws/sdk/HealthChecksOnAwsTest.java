package dev.fivenines.aws.sdk;

import dev.fivenines.aws.HealthChecksContract;

/**
 * The health-checks contract on a real AWS account. Each test is skipped, saying why, unless FIVENINES_AWS_IT=true and
 * the default credentials chain finds credentials.
 */
class HealthChecksOnAwsTest extends HealthChecksContract {

    @Override
    protected Fixture openFixture() {
        return new AdaptersFixture(AwsTarget.requireEnabled());
    }
}

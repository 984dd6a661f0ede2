package dev.fivenines.aws.sdk;

/**
 * The health-checks contract on a real AWS account. Each test is skipped, saying why, unless FIVENINES_AWS_IT=true and
 * the default credentials chain finds credentials.
 */
class HealthChecksOnAwsTest extends HealthChecksContract {

    @Override
    Target target() {
        return AwsTarget.requireEnabled();
    }
}

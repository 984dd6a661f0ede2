package dev.fivenines.aws.sdk;

import dev.fivenines.aws.GlobalTablesContract;

/**
 * The global-tables contract on a real AWS account. Each test is skipped, saying why, unless FIVENINES_AWS_IT=true and
 * the default credentials chain finds credentials.
 */
class GlobalTablesOnAwsTest extends GlobalTablesContract {

    @Override
    protected Fixture openFixture() {
        return new AdaptersFixture(AwsTarget.requireEnabled());
    }
}

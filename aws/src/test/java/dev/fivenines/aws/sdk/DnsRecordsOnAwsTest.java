package dev.fivenines.aws.sdk;

import dev.fivenines.aws.DnsRecordsContract;

/**
 * The DNS-records contract on a real AWS account, in the hosted zone FIVENINES_AWS_IT_HOSTED_ZONE_ID. Each test is
 * skipped, saying why, unless FIVENINES_AWS_IT=true and the default credentials chain finds credentials.
 */
class DnsRecordsOnAwsTest extends DnsRecordsContract {

    @Override
    protected Fixture openFixture() {
        return new AdaptersFixture(AwsTarget.requireEnabled());
    }
}

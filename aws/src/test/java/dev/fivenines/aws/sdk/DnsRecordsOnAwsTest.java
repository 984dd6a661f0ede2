package dev.fivenines.aws.sdk;

/**
 * The DNS-records contract on a real AWS account, in the hosted zone FIVENINES_AWS_IT_HOSTED_ZONE_ID. Each test is
 * skipped, saying why, unless FIVENINES_AWS_IT=true and the default credentials chain finds credentials.
 */
class DnsRecordsOnAwsTest extends DnsRecordsContract {

    @Override
    Target target() {
        return AwsTarget.requireEnabled();
    }
}

package dev.fivenines.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.fivenines.aws.CloudException;
import dev.fivenines.testing.aws.LocalCloud;
import dev.fivenines.testing.aws.WithLocalCloud;

/** Every AWS call the adapters make reaches the call listener once, with its service, operation and outcome. */
@WithLocalCloud
class AwsCallCountingTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void clearFaults(LocalCloud cloud) {
        cloud.clearFaults();
    }

    private AwsAdapters adapters(LocalCloud cloud) {
        return AwsAdapters.create(LocalTarget.settings(cloud), (service, operation, outcome) -> calls.add(service + " "
                + operation + " " + outcome));
    }

    @Test
    void answeredRefusedAndUnansweredCallsAreEachToldOnce(LocalCloud cloud) {
        String region = cloud.regions().get(0);
        try (AwsAdapters aws = adapters(cloud)) {
            assertThat(aws.globalTables().describe(region, "no-such-table")).isEmpty();
            aws.clients().route53().listHostedZones();
            assertThat(calls).containsExactly("DynamoDb DescribeTable ResourceNotFoundException", "Route53 ListHostedZones ok");

            calls.clear();
            cloud.faults(region).denyAccess("dynamodb:DescribeTable");
            assertThatThrownBy(() -> aws.globalTables().describe(region, "no-such-table")).isInstanceOf(CloudException.class);
            assertThat(calls).containsExactly("DynamoDb DescribeTable AccessDeniedException");

            calls.clear();
            cloud.faults(region).clear();
            cloud.faults(region).stop();
            assertThatThrownBy(() -> aws.globalTables().describe(region, "no-such-table")).isInstanceOf(CloudException.class);
            assertThat(calls).as("one call, however many attempts the retries made").containsExactly("DynamoDb DescribeTable ClientError");
        }
    }
}

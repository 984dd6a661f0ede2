package dev.fivenines.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/** Faults injected at a region's front door reach the AWS SDK as the real failures would. */
@WithLocalCloud
class FaultInjectionTest {

    private static SdkClients clients;
    private static DynamoDbClient east;
    private static DynamoDbClient west;
    private static Route53Client route53;

    @BeforeAll
    static void clients(LocalCloud cloud) {
        clients = new SdkClients(cloud);
        east = clients.dynamoDb("us-east-1");
        west = clients.dynamoDb("us-west-2");
        route53 = clients.route53();
    }

    @AfterAll
    static void close() throws Exception {
        clients.close();
    }

    @Test
    void aStoppedRegionRefusesConnectionsAndComesBackOnTheSameEndpointWithItsData(LocalCloud cloud) {
        String table = Tables.uniqueName("outage");
        Tables.createWithStream(east, table);
        var endpoint = cloud.dynamoDbEndpoint("us-east-1");

        cloud.faults("us-east-1").stop();

        assertThat(cloud.faults("us-east-1").isListening()).isFalse();
        assertThatThrownBy(() -> east.describeTable(b -> b.tableName(table)))
                .isInstanceOf(SdkClientException.class)
                .hasRootCauseInstanceOf(ConnectException.class);
        assertThat(west.listTables().tableNames()).isNotNull();

        cloud.faults("us-east-1").start();

        assertThat(cloud.dynamoDbEndpoint("us-east-1")).isEqualTo(endpoint);
        assertThat(east.describeTable(b -> b.tableName(table)).table().tableName()).isEqualTo(table);
    }

    @Test
    void aRegionFailingWithServerErrorsAnswers500(LocalCloud cloud) {
        cloud.faults("us-west-2").failWithServerErrors();

        assertThatThrownBy(() -> west.listTables())
                .asInstanceOf(InstanceOfAssertFactories.type(DynamoDbException.class))
                .satisfies(e -> assertThat(e.statusCode()).isEqualTo(500));
        assertThat(east.listTables().tableNames()).isNotNull();
    }

    @Test
    void deniedAccessLooksLikeAwsAndNamesTheIamActionForThatOperationOnly(LocalCloud cloud) {
        String table = Tables.uniqueName("denied");
        Tables.createWithStream(east, table);

        cloud.faults("us-east-1").denyAccess("dynamodb:UpdateTable");

        assertThatThrownBy(() -> east.updateTable(b -> b.tableName(table).replicaUpdates(Tables.create("us-west-2"))))
                .asInstanceOf(InstanceOfAssertFactories.type(DynamoDbException.class))
                .satisfies(e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: " + DynamoDbDialect.CALLER
                            + " is not authorized to perform: dynamodb:UpdateTable on resource: "
                            + "arn:aws:dynamodb:us-east-1:000000000000:table/" + table
                            + " because no identity-based policy allows the dynamodb:UpdateTable action");
                });
        assertThat(east.describeTable(b -> b.tableName(table)).table().replicas()).isEmpty();
        assertThat(cloud.faults("us-east-1").calls("UpdateTable")).isEqualTo(1);

        cloud.faults("us-east-1").allowAccess("UpdateTable");
        east.updateTable(b -> b.tableName(table).replicaUpdates(Tables.create("us-west-2")));
    }

    @Test
    void throttlingIsReportedAsAThrottlingErrorTheSdkRecognises(LocalCloud cloud) {
        cloud.faults("us-east-1").throttle(RegionFaults.ALL);

        assertThatThrownBy(() -> east.listTables())
                .asInstanceOf(InstanceOfAssertFactories.type(DynamoDbException.class))
                .satisfies(e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                    assertThat(e.isThrottlingException()).isTrue();
                });

        cloud.faults("us-east-1").stopThrottling(RegionFaults.ALL);
        assertThat(east.listTables().tableNames()).isNotNull();
    }

    @Test
    void route53TakesTheSameFaultsInItsOwnErrorShape(LocalCloud cloud) {
        String zone = route53.createHostedZone(b -> b.name(Tables.uniqueName("faults") + ".example.")
                .callerReference(Tables.uniqueName("zone"))).hostedZone().id();

        cloud.route53Faults().denyAccess("route53:ChangeResourceRecordSets");
        assertThatThrownBy(() -> route53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(
                ch -> ch.action("UPSERT").resourceRecordSet(r -> r.name("www." + zoneName(zone)).type("A").ttl(60L)
                        .resourceRecords(v -> v.value("192.0.2.1")))))))
                .asInstanceOf(InstanceOfAssertFactories.type(Route53Exception.class))
                .satisfies(e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("route53:ChangeResourceRecordSets")
                            .contains("hostedzone/" + zone.substring(zone.lastIndexOf('/') + 1));
                });
        assertThat(route53.listResourceRecordSets(b -> b.hostedZoneId(zone)).resourceRecordSets())
                .noneMatch(record -> record.name().startsWith("www."));

        cloud.route53Faults().throttle("ListHealthChecks");
        assertThatThrownBy(() -> route53.listHealthChecks())
                .asInstanceOf(InstanceOfAssertFactories.type(Route53Exception.class))
                .satisfies(e -> assertThat(e.isThrottlingException()).isTrue());

        cloud.route53Faults().stop();
        assertThatThrownBy(() -> route53.listHostedZones()).isInstanceOf(SdkClientException.class);
        cloud.route53Faults().clear();
        assertThat(route53.getHostedZone(b -> b.id(zone)).hostedZone().id()).isEqualTo(zone);
    }

    private static String zoneName(String zoneId) {
        return route53.getHostedZone(b -> b.id(zoneId)).hostedZone().name();
    }
}

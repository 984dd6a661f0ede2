package dev.fivenines.aws.sdk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

import dev.fivenines.aws.DnsRecords;
import dev.fivenines.aws.DnsRecordsContract;
import dev.fivenines.aws.FailoverRecord;
import dev.fivenines.aws.GlobalTables;
import dev.fivenines.aws.GlobalTablesContract;
import dev.fivenines.aws.HealthCheckProtocol;
import dev.fivenines.aws.HealthCheckSpec;
import dev.fivenines.aws.HealthChecks;
import dev.fivenines.aws.HealthChecksContract;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.ResourceRecordSetFailover;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * The contracts' fixture on the SDK adapters of one {@link Target} (the local cloud or an AWS account): the ports from
 * {@link AwsAdapters}, and what tests do behind their back through the SDK clients.
 */
final class AdaptersFixture implements GlobalTablesContract.Fixture, HealthChecksContract.Fixture, DnsRecordsContract.Fixture {

    private final Target target;
    private final AwsAdapters aws;
    private final List<LocalEndpoint> endpoints = new ArrayList<>();

    AdaptersFixture(Target target) {
        this.target = target;
        this.aws = AwsAdapters.create(target.settings());
    }

    @Override
    public GlobalTables tables() {
        return aws.globalTables();
    }

    @Override
    public HealthChecks healthChecks() {
        return aws.healthChecks();
    }

    @Override
    public DnsRecords dnsRecords() {
        return aws.dnsRecords();
    }

    @Override
    public List<String> regions() {
        return target.regions();
    }

    @Override
    public Duration changeTimeout() {
        return target.tableTimeout();
    }

    @Override
    public void createUntagged(String region, String table) {
        aws.clients().dynamoDb(region).createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("S").build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }

    @Override
    public void deleteEverywhere(String table) {
        TableCleanup.deleteEverywhere(aws, target, table);
    }

    @Override
    public String createHealthCheckByHand(HealthCheckSpec spec) {
        return aws.clients().route53().createHealthCheck(b -> b.callerReference("hand-made-" + UUID.randomUUID())
                .healthCheckConfig(config(spec, false))).healthCheck().id();
    }

    @Override
    public String createUntaggedHealthCheck(String owner, HealthCheckSpec spec) {
        return aws.clients().route53().createHealthCheck(b -> b.callerReference("fivenines-" + Hashes.hex(owner, 16) + "-interrupted-1")
                .healthCheckConfig(config(spec, spec.protocol() == HealthCheckProtocol.HTTPS))).healthCheck().id();
    }

    @Override
    public List<String> healthCheckTags(String id) {
        return aws.clients().route53().listTagsForResource(b -> b.resourceType(TagResourceType.HEALTHCHECK).resourceId(id))
                .resourceTagSet().tags().stream().map(tag -> tag.key() + "=" + tag.value()).toList();
    }

    @Override
    public String resourcePathOf(String id) {
        return aws.clients().route53().getHealthCheck(b -> b.healthCheckId(id)).healthCheck().healthCheckConfig().resourcePath();
    }

    @Override
    public void deleteHealthCheckByHand(String id) {
        try {
            aws.clients().route53().deleteHealthCheck(b -> b.healthCheckId(id));
        } catch (SdkException gone) {
            // deleted by the test already
        }
    }

    @Override
    public HealthCheckSpec startHealthyEndpoint(int failureThreshold) {
        Assumptions.assumeTrue(target instanceof LocalTarget, "Route 53's health checkers call only public endpoints, "
                + "and public endpoints are out of bounds for tests: endpoint health is tested on the local cloud");
        LocalEndpoint endpoint = LocalEndpoint.start();
        endpoints.add(endpoint);
        return endpoint.spec(failureThreshold);
    }

    @Override
    public void refuseConnections(String checkId, HealthCheckSpec spec) {
        endpoint(spec).refuseConnections();
    }

    @Override
    public void acceptConnections(String checkId, HealthCheckSpec spec) {
        endpoint(spec).acceptConnections();
    }

    @Override
    public Duration statusChangeTimeout() {
        return Duration.ofSeconds(15);
    }

    private LocalEndpoint endpoint(HealthCheckSpec spec) {
        return endpoints.stream().filter(endpoint -> endpoint.port() == spec.port()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No endpoint of this fixture on port " + spec.port()));
    }

    @Override
    public String hostedZoneId() {
        return target.hostedZoneId();
    }

    @Override
    public String zoneName() {
        return target.zoneName();
    }

    @Override
    public void createRecordByHand(FailoverRecord record) {
        change(ChangeAction.CREATE, record);
    }

    @Override
    public void changeRecordByHand(FailoverRecord record) {
        change(ChangeAction.UPSERT, record);
    }

    @Override
    public void deleteRecordByHand(FailoverRecord record) {
        try {
            change(ChangeAction.DELETE, record);
        } catch (SdkException gone) {
            // deleted by the test already
        }
    }

    @Override
    public void close() {
        endpoints.forEach(LocalEndpoint::close);
        aws.close();
    }

    private void change(ChangeAction action, FailoverRecord record) {
        ResourceRecordSet set = ResourceRecordSet.builder().name(record.name()).type(record.type().name())
                .setIdentifier(record.setIdentifier()).failover(ResourceRecordSetFailover.fromValue(record.failover().name()))
                .healthCheckId(record.healthCheckId().orElse(null)).ttl(record.ttl().orElse(null))
                .resourceRecords(record.values().stream().map(value -> ResourceRecord.builder().value(value).build()).toList())
                .build();
        aws.clients().route53().changeResourceRecordSets(b -> b.hostedZoneId(target.hostedZoneId())
                .changeBatch(batch -> batch.changes(c -> c.action(action).resourceRecordSet(set))));
    }

    private static HealthCheckConfig config(HealthCheckSpec spec, boolean sni) {
        return HealthCheckConfig.builder()
                .type(spec.protocol() == HealthCheckProtocol.HTTPS ? HealthCheckType.HTTPS : HealthCheckType.HTTP)
                .fullyQualifiedDomainName(spec.fqdn().orElse(null)).ipAddress(spec.ipAddress().orElse(null))
                .port(spec.port()).resourcePath(spec.resourcePath()).requestInterval(spec.requestIntervalSeconds())
                .failureThreshold(spec.failureThreshold()).enableSNI(sni ? Boolean.TRUE : null)
                .build();
    }
}

package dev.fivenines.auth.consistency;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.fivenines.auth.storage.AuditEntry;
import dev.fivenines.auth.storage.AuthStore;
import dev.fivenines.tables.AuthTables;
import dev.fivenines.testing.aws.LocalCloud;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB Local in this JVM on 127.0.0.1 (as the store's own tests use it), with fresh tables per test, and the raw
 * client to change them behind the store's back.
 */
final class LocalTables implements AutoCloseable {

    final LocalCloud cloud;
    final DynamoDbClient dynamo;

    private LocalTables(LocalCloud cloud, DynamoDbClient dynamo) {
        this.cloud = cloud;
        this.dynamo = dynamo;
    }

    static LocalTables start() {
        LocalCloud cloud = LocalCloud.builder().regions(List.of("us-east-1")).route53(false).start();
        DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(cloud.dynamoDbEndpoint("us-east-1"))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCloud.ACCESS_KEY_ID,
                        LocalCloud.SECRET_ACCESS_KEY)))
                .build();
        return new LocalTables(cloud, dynamo);
    }

    String endpoint() {
        return cloud.dynamoDbEndpoint("us-east-1").toString();
    }

    /** Creates the auth and audit tables of a new prefix and returns the prefix. */
    String newTables() {
        String prefix = "c" + UUID.randomUUID().toString().substring(0, 8);
        AuthTables.all(prefix).forEach(dynamo::createTable);
        return prefix;
    }

    AuthStore store(String prefix) {
        return new AuthStore(dynamo, prefix, Clock.systemUTC());
    }

    static String tenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, AttributeValue> key(String tenant, String sortKey) {
        return Map.of("pk", AttributeValue.fromS("TENANT#" + tenant), "sk", AttributeValue.fromS(sortKey));
    }

    /** The tenant's audit entries as stored, in sort key order. */
    List<AuditEntry> auditTrail(String prefix, String tenant) {
        List<AuditEntry> entries = new java.util.ArrayList<>();
        store(prefix).readAuditTrail(tenant, entries::add);
        return entries;
    }

    @Override
    public void close() {
        dynamo.close();
        cloud.close();
    }
}

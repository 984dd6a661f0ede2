package dev.fivenines.testing.aws;

import java.util.Map;
import java.util.UUID;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Table helpers for the fixture's tests: unique names, a pk/sk table with a stream as global tables need. */
final class Tables {

    private Tables() {
    }

    static String uniqueName(String purpose) {
        return "fixture-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void createWithStream(DynamoDbClient client, String table) {
        client.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType("S").build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType("S").build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }

    static ReplicationGroupUpdate create(String region) {
        return ReplicationGroupUpdate.builder().create(c -> c.regionName(region)).build();
    }

    static ReplicationGroupUpdate delete(String region) {
        return ReplicationGroupUpdate.builder().delete(d -> d.regionName(region)).build();
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    static Map<String, AttributeValue> item(String pk, String sk, String value) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk), "value", AttributeValue.fromS(value));
    }
}

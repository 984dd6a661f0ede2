package dev.fivenines.auth.storage;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One hop of the storage chain: a region's DynamoDB client and its breaker. */
public record StorageRegion(String region, DynamoDbClient client, CircuitBreaker breaker) {
}

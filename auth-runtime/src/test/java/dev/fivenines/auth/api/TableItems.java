package dev.fivenines.auth.api;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** How many items the runtime's tables hold, to show a request wrote nothing. */
final class TableItems {

    private TableItems() {
    }

    /** Items of {@code runtime-auth} plus {@code runtime-audit} (the prefix LocalDynamoResource sets), counted by a strongly consistent scan. */
    static long count(DynamoDbClient dynamo) {
        return count(dynamo, "runtime-auth") + count(dynamo, "runtime-audit");
    }

    private static long count(DynamoDbClient dynamo, String table) {
        return dynamo.scanPaginator(s -> s.tableName(table).select(Select.COUNT).consistentRead(true)).stream()
                .mapToLong(page -> page.count()).sum();
    }
}

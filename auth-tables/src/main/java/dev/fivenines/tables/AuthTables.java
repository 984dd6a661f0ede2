package dev.fivenines.tables;

import java.util.List;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The auth runtime's DynamoDB tables, for a table prefix: the one definition the runtime creates
 * locally and the operator creates as global tables (on demand, streams with new and old images, which
 * global tables need).
 *
 * <ul>
 * <li>{@code <prefix>-auth}: everything of a tenant under partition key {@code pk} = {@code TENANT#<id>},
 * sort key {@code sk} = {@code <KIND>#<id>} (roles, access records, users, groups, clients, keys, the
 * canary).</li>
 * <li>{@code <prefix>-audit}: the audit trail, partition key {@code pk} = {@code TENANT#<id>}, sort key
 * {@code sk} = {@code <timestamp>#<id>}, so a tenant's trail reads in time order, page by page.</li>
 * </ul>
 */
public final class AuthTables {

    public static final String PARTITION_KEY = "pk";
    public static final String SORT_KEY = "sk";

    private AuthTables() {
    }

    public static String authTable(String prefix) {
        return prefix + "-auth";
    }

    public static String auditTable(String prefix) {
        return prefix + "-audit";
    }

    /** Every table, ready to create in one region. */
    public static List<CreateTableRequest> all(String prefix) {
        return List.of(auth(prefix), audit(prefix));
    }

    public static CreateTableRequest auth(String prefix) {
        return base(authTable(prefix)).attributeDefinitions(string(PARTITION_KEY), string(SORT_KEY)).build();
    }

    public static CreateTableRequest audit(String prefix) {
        return base(auditTable(prefix)).attributeDefinitions(string(PARTITION_KEY), string(SORT_KEY)).build();
    }

    private static CreateTableRequest.Builder base(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .keySchema(key(PARTITION_KEY, KeyType.HASH), key(SORT_KEY, KeyType.RANGE))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build());
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}

package dev.fivenines.aws.sdk;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.fivenines.aws.AttributeType;
import dev.fivenines.aws.GlobalIndex;
import dev.fivenines.aws.IndexProjection;
import dev.fivenines.aws.KeyAttribute;
import dev.fivenines.aws.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * Table definitions written as SDK requests (e.g. the auth runtime's, in module {@code auth-tables}) in the terms of
 * the {@link dev.fivenines.aws.GlobalTables} port: name, keys and global secondary indexes. Billing mode and stream
 * are not carried over: {@link TableSpec} always means on demand with a NEW_AND_OLD_IMAGES stream.
 */
public final class TableSpecs {

    private TableSpecs() {
    }

    /** The table of {@code request}, owned by {@code owner}, without tags besides the owner's. */
    public static TableSpec from(CreateTableRequest request, String owner) {
        Map<String, AttributeType> types = request.attributeDefinitions().stream()
                .collect(Collectors.toMap(AttributeDefinition::attributeName, d -> AttributeType.fromCode(d.attributeTypeAsString()),
                        (a, b) -> a));
        Function<String, KeyAttribute> key = name -> {
            AttributeType type = types.get(name);
            if (type == null) {
                throw new IllegalArgumentException("Table " + request.tableName() + ": key attribute " + name
                        + " has no attribute definition");
            }
            return new KeyAttribute(name, type);
        };
        List<GlobalIndex> indexes = request.globalSecondaryIndexes().stream()
                .map(index -> new GlobalIndex(index.indexName(), key.apply(hash(request, index.keySchema())),
                        range(index.keySchema()).map(key), IndexProjection.valueOf(index.projection().projectionTypeAsString()),
                        index.projection().nonKeyAttributes() == null ? List.of() : index.projection().nonKeyAttributes()))
                .toList();
        return new TableSpec(request.tableName(), key.apply(hash(request, request.keySchema())), range(request.keySchema()).map(key),
                indexes, owner, Map.of());
    }

    private static String hash(CreateTableRequest request, List<KeySchemaElement> schema) {
        return schema.stream().filter(k -> k.keyType() == KeyType.HASH).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Table " + request.tableName() + ": a key schema without a HASH key"))
                .attributeName();
    }

    private static Optional<String> range(List<KeySchemaElement> schema) {
        return schema.stream().filter(k -> k.keyType() == KeyType.RANGE).findFirst().map(KeySchemaElement::attributeName);
    }
}

package dev.fivenines.operator.cloud;

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
import dev.fivenines.tables.AuthTables;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/** The runtime's tables as module {@code auth-tables} defines them, in the terms of the {@code aws} ports. */
@ApplicationScoped
public class RuntimeTableDefinitions implements TableDefinitions {

    @Override
    public List<TableSpec> specs(String tablePrefix, String owner) {
        return AuthTables.all(tablePrefix).stream().map(request -> spec(request, owner)).toList();
    }

    static TableSpec spec(CreateTableRequest request, String owner) {
        Map<String, AttributeType> types = request.attributeDefinitions().stream()
                .collect(Collectors.toMap(AttributeDefinition::attributeName, d -> AttributeType.fromCode(d.attributeTypeAsString()), (a, b) -> a));
        Function<String, KeyAttribute> key = name -> new KeyAttribute(name, types.get(name));
        List<GlobalIndex> indexes = request.globalSecondaryIndexes().stream()
                .map(index -> new GlobalIndex(index.indexName(), key.apply(hash(index.keySchema())), range(index.keySchema()).map(key),
                        IndexProjection.valueOf(index.projection().projectionTypeAsString()),
                        index.projection().nonKeyAttributes() == null ? List.of() : index.projection().nonKeyAttributes()))
                .toList();
        return new TableSpec(request.tableName(), key.apply(hash(request.keySchema())), range(request.keySchema()).map(key), indexes,
                owner, Map.of());
    }

    private static String hash(List<KeySchemaElement> schema) {
        return schema.stream().filter(k -> k.keyType() == KeyType.HASH).findFirst().orElseThrow().attributeName();
    }

    private static Optional<String> range(List<KeySchemaElement> schema) {
        return schema.stream().filter(k -> k.keyType() == KeyType.RANGE).findFirst().map(KeySchemaElement::attributeName);
    }
}

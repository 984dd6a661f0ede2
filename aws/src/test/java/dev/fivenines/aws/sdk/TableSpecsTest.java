package dev.fivenines.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.fivenines.aws.GlobalIndex;
import dev.fivenines.aws.IndexProjection;
import dev.fivenines.aws.KeyAttribute;
import dev.fivenines.aws.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class TableSpecsTest {

    @Test
    void keysIndexesAndTheirTypesAreCarriedOverWithTheOwner() {
        CreateTableRequest request = CreateTableRequest.builder()
                .tableName("team-auth")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S),
                        attribute("gsi1pk", ScalarAttributeType.S), attribute("gsi1sk", ScalarAttributeType.N),
                        attribute("tenant", ScalarAttributeType.B))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder().indexName("gsi1")
                                .keySchema(key("gsi1sk", KeyType.RANGE), key("gsi1pk", KeyType.HASH))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build(),
                        GlobalSecondaryIndex.builder().indexName("by-tenant")
                                .keySchema(key("tenant", KeyType.HASH))
                                .projection(Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes("name").build())
                                .build())
                .build();

        TableSpec spec = TableSpecs.from(request, "team/auth");

        assertThat(spec).isEqualTo(new TableSpec("team-auth", KeyAttribute.string("pk"), Optional.of(KeyAttribute.string("sk")),
                List.of(new GlobalIndex("gsi1", KeyAttribute.string("gsi1pk"), Optional.of(KeyAttribute.number("gsi1sk")),
                                IndexProjection.ALL, List.of()),
                        new GlobalIndex("by-tenant", new KeyAttribute("tenant", dev.fivenines.aws.AttributeType.BINARY), Optional.empty(),
                                IndexProjection.INCLUDE, List.of("name"))),
                "team/auth", Map.of()));
    }

    @Test
    void aTableWithAPartitionKeyOnlyHasNoSortKeyAndNoIndexes() {
        CreateTableRequest request = CreateTableRequest.builder().tableName("team-audit")
                .attributeDefinitions(attribute("id", ScalarAttributeType.N)).keySchema(key("id", KeyType.HASH)).build();

        TableSpec spec = TableSpecs.from(request, "team/auth");

        assertThat(spec.partitionKey()).isEqualTo(KeyAttribute.number("id"));
        assertThat(spec.sortKey()).isEmpty();
        assertThat(spec.globalIndexes()).isEmpty();
    }

    @Test
    void aKeyWithoutAnAttributeDefinitionIsRefusedNamingIt() {
        CreateTableRequest request = CreateTableRequest.builder().tableName("team-auth")
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)).build();

        assertThatThrownBy(() -> TableSpecs.from(request, "team/auth")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key attribute sk has no attribute definition");
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}

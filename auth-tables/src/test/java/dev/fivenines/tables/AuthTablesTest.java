package dev.fivenines.tables;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class AuthTablesTest {

    @Test
    void everyTableIsReadyToBeAGlobalTable() {
        assertThat(AuthTables.all("acme")).extracting(CreateTableRequest::tableName).containsExactly("acme-auth", "acme-audit");
        for (CreateTableRequest table : AuthTables.all("acme")) {
            assertThat(table.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
            assertThat(table.streamSpecification().streamEnabled()).isTrue();
            assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
            assertThat(table.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                    .containsExactly("pk:HASH", "sk:RANGE");
        }
    }

    @Test
    void eachTableDeclaresOnlyItsKeyAttributesAndHasNoIndex() {
        for (CreateTableRequest table : AuthTables.all("acme")) {
            assertThat(table.attributeDefinitions()).extracting(a -> a.attributeName() + ":" + a.attributeTypeAsString())
                    .containsExactly("pk:S", "sk:S");
            assertThat(table.globalSecondaryIndexes()).isEmpty();
            assertThat(table.localSecondaryIndexes()).isEmpty();
        }
    }
}

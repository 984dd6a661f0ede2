package dev.fivenines.auth.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Ticker;

import dev.fivenines.auth.storage.TenantRecord;
import dev.fivenines.auth.storage.TenantRecords;
import dev.fivenines.tables.AuthTables;
import dev.fivenines.testing.aws.LocalCloud;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * On DynamoDB Local: the first request for a bootstrap tenant whose record the scheduled provisioning has not written yet
 * (storage was not ready when the pod started) is served, and provisions it; other ids are neither served nor written.
 */
class TenantRecordReaderTest {

    private static LocalCloud cloud;
    private static DynamoDbClient dynamo;

    private TenantRecords records;
    private String bootstrapTenant;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().regions(List.of("us-east-1")).route53(false).start();
        dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(cloud.dynamoDbEndpoint("us-east-1"))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCloud.ACCESS_KEY_ID,
                        LocalCloud.SECRET_ACCESS_KEY)))
                .build();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        cloud.close();
    }

    @BeforeEach
    void freshTables() {
        String prefix = "r" + UUID.randomUUID().toString().substring(0, 8);
        AuthTables.all(prefix).forEach(dynamo::createTable);
        records = new TenantRecords(dynamo, prefix, Clock.systemUTC());
        bootstrapTenant = "boot-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private TenantDirectory directory(TenantRecordReader reader) {
        return new TenantDirectory(reader, 100, Duration.ofSeconds(30), Duration.ofSeconds(5), 100, Ticker.systemTicker(), Runnable::run);
    }

    @Test
    void aBootstrapTenantWithoutARecordIsServedAtItsFirstRequestAndProvisionedOnce() {
        TenantRecordReader reader = new TenantRecordReader(records, Set.of(bootstrapTenant)::contains);
        assertThat(records.get(bootstrapTenant)).as("not provisioned yet").isEmpty();

        directory(reader).require(bootstrapTenant);

        TenantRecord record = records.get(bootstrapTenant).orElseThrow();
        assertThat(record.active()).isTrue();
        assertThat(record.version()).isEqualTo(1);
        assertThat(reader.apply(bootstrapTenant)).as("a second reader (another replica) finds it and writes nothing").contains(record);
    }

    @Test
    void aRetiredBootstrapTenantStaysRetiredAndIsRefused() {
        TenantRecord created = records.create(bootstrapTenant, Optional.empty(), "test");
        records.retire(created, "test");
        TenantRecordReader reader = new TenantRecordReader(records, Set.of(bootstrapTenant)::contains);

        assertThatThrownBy(() -> directory(reader).require(bootstrapTenant)).isInstanceOf(TenantDirectory.NotFound.class);
        assertThat(records.get(bootstrapTenant).orElseThrow().status()).isEqualTo(TenantRecord.Status.RETIRED);
    }

    @Test
    void anIdWithoutABootstrapSecretIsRefusedAndNothingIsWritten() {
        TenantRecordReader reader = new TenantRecordReader(records, Set.of(bootstrapTenant)::contains);

        assertThatThrownBy(() -> directory(reader).require("made-up")).isInstanceOf(TenantDirectory.NotFound.class);
        assertThat(records.get("made-up")).isEmpty();
        assertThat(records.get(bootstrapTenant)).as("only a request provisions").isEmpty();
    }
}

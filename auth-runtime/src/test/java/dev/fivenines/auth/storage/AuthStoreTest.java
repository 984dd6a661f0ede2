package dev.fivenines.auth.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fivenines.auth.authz.AccessRecord;
import dev.fivenines.auth.authz.Role;
import dev.fivenines.auth.authz.Subject;
import dev.fivenines.auth.authz.TenantModel;
import dev.fivenines.tables.AuthTables;
import dev.fivenines.testing.MutableClock;
import dev.fivenines.testing.aws.LocalCloud;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The store on DynamoDB Local (in this JVM, on 127.0.0.1), through the real SDK over HTTP. */
class AuthStoreTest {

    private static LocalCloud cloud;
    private static DynamoDbClient dynamo;
    private static AuthStore store;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().regions(List.of("us-east-1")).route53(false).start();
        URI endpoint = cloud.dynamoDbEndpoint("us-east-1");
        dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCloud.ACCESS_KEY_ID,
                        LocalCloud.SECRET_ACCESS_KEY)))
                .build();
        AuthTables.all("store").forEach(dynamo::createTable);
        store = new AuthStore(dynamo, "store", Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        cloud.close();
    }

    private static String tenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void modelWrittenThroughTheStoreDecidesAfterALoad() {
        String tenant = tenant();
        store.putRole(tenant, new Role("reader", Set.of("documents:read"), 0), 0, "user:admin");
        store.putAccessRecord(tenant, new AccessRecord("r1", Subject.group("finance"), "reader", "/documents", 0), 0, "user:admin");
        store.putUser(tenant, "alice", Set.of("finance"));

        TenantModel model = store.loadModel(tenant);

        assertThat(model.decide(Subject.user("alice"), "documents:read", "/documents/q3").allowed()).isTrue();
        assertThat(model.decide(Subject.user("bob"), "documents:read", "/documents/q3").allowed()).isFalse();
    }

    @Test
    void everyChangeWritesItsAuditEntryWithBeforeAndAfter() {
        String tenant = tenant();
        store.putRole(tenant, new Role("editor", Set.of("documents:read"), 0), 0, "user:admin");
        store.putRole(tenant, new Role("editor", Set.of("documents:*"), 0), 1, "user:admin");
        store.putAccessRecord(tenant, new AccessRecord("r1", Subject.user("alice"), "editor", "/documents", 0), 0, "client:ci");
        store.deleteAccessRecord(tenant, "r1", 1, "user:admin");

        AuditPage page = store.audit(tenant, Optional.empty(), 10);

        assertThat(page.entries()).extracting(AuditEntry::action)
                .containsExactly("role.create", "role.update", "record.create", "record.delete");
        AuditEntry update = page.entries().get(1);
        assertThat(update.actor()).isEqualTo("user:admin");
        assertThat(update.target()).isEqualTo("role:editor");
        assertThat(update.before()).isEqualTo("{\"name\":\"editor\",\"permissions\":[\"documents:read\"],\"version\":1}");
        assertThat(update.after()).isEqualTo("{\"name\":\"editor\",\"permissions\":[\"documents:*\"],\"version\":2}");
        assertThat(page.entries().get(3).after()).isNull();
        assertThat(page.entries().get(2).actor()).isEqualTo("client:ci");
    }

    @Test
    void staleVersionIsAConflictAndWritesNeitherChangeNorAudit() {
        String tenant = tenant();
        store.putRole(tenant, new Role("reader", Set.of("documents:read"), 0), 0, "user:admin");

        assertThatThrownBy(() -> store.putRole(tenant, new Role("reader", Set.of("*"), 0), 7, "user:mallory"))
                .isInstanceOf(ConflictingWrite.class).hasMessage("role:reader is not at version 7: read it again and retry");
        assertThatThrownBy(() -> store.putRole(tenant, new Role("reader", Set.of("*"), 0), 0, "user:mallory"))
                .isInstanceOf(ConflictingWrite.class).hasMessage("role:reader already exists");

        assertThat(store.role(tenant, "reader").orElseThrow().permissions()).containsExactly("documents:read");
        assertThat(store.audit(tenant, Optional.empty(), 10).entries()).hasSize(1);
    }

    @Test
    void auditTrailIsReadPageByPage() {
        String tenant = tenant();
        for (int i = 0; i < 5; i++) {
            store.putAccessRecord(tenant, new AccessRecord("r" + i, Subject.user("u" + i), "reader", "/x", 0), 0, "user:admin");
        }

        AuditPage first = store.audit(tenant, Optional.empty(), 2);
        AuditPage second = store.audit(tenant, first.next(), 2);
        AuditPage third = store.audit(tenant, second.next(), 2);

        assertThat(first.entries()).extracting(AuditEntry::target).containsExactly("record:r0", "record:r1");
        assertThat(second.entries()).extracting(AuditEntry::target).containsExactly("record:r2", "record:r3");
        assertThat(third.entries()).extracting(AuditEntry::target).containsExactly("record:r4");
        assertThat(store.audit(tenant(), Optional.empty(), 10).entries()).as("another tenant sees none of it").isEmpty();
    }

    @Test
    void deletingARoleRecordsWhatItWas() {
        String tenant = tenant();
        dynamo.putItem(p -> p.tableName("store-auth").item(java.util.Map.of("pk", AttributeValue.fromS("TENANT#" + tenant),
                "sk", AttributeValue.fromS("ROLE#admin"), "permissions", AttributeValue.fromL(List.of(AttributeValue.fromS("*"))),
                "version", AttributeValue.fromN("1"))));
        store.deleteRole(tenant, "admin", 1, "user:root");

        assertThat(store.role(tenant, "admin")).isEmpty();
        assertThat(store.audit(tenant, Optional.empty(), 10).entries()).singleElement()
                .satisfies(e -> assertThat(e.before()).isEqualTo("{\"name\":\"admin\",\"permissions\":[\"*\"],\"version\":1}"));
    }

    @Test
    void theAuditTrailIsInTimeOrderWhateverTheFractionOfASecond() {
        String tenant = tenant();
        MutableClock now = new MutableClock(java.time.Instant.parse("2026-11-30T10:00:01Z"));
        AuthStore timed = new AuthStore(dynamo, "store", now);
        now.set(java.time.Instant.parse("2026-11-30T10:00:00.500Z"));
        timed.putRole(tenant, new Role("first", Set.of("a:b"), 0), 0, "admin");
        now.set(java.time.Instant.parse("2026-11-30T10:00:01Z"));
        timed.putRole(tenant, new Role("second", Set.of("a:b"), 0), 0, "admin");
        now.set(java.time.Instant.parse("2026-11-30T10:00:01.250Z"));
        timed.putRole(tenant, new Role("third", Set.of("a:b"), 0), 0, "admin");
        assertThat(timed.audit(tenant, Optional.empty(), 10).entries()).extracting(e -> e.target())
                .containsExactly("role:first", "role:second", "role:third");
    }
}

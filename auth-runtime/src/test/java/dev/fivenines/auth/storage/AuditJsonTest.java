package dev.fivenines.auth.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fivenines.auth.authz.AccessRecord;
import dev.fivenines.auth.authz.Role;
import dev.fivenines.auth.authz.Subject;
import dev.fivenines.auth.consistency.ConsistencyCheck;
import dev.fivenines.tables.AuthTables;
import dev.fivenines.testing.aws.LocalCloud;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The states audit entries carry are JSON whatever the ids and fields hold, on DynamoDB Local. */
class AuditJsonTest {

    /** A quote, a backslash and a newline: each breaks JSON written by concatenation. */
    private static final String AWKWARD = "a\"b\\c\nd";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalCloud cloud;
    private static DynamoDbClient dynamo;
    private static AuthStore store;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().regions(List.of("us-east-1")).route53(false).start();
        URI endpoint = cloud.dynamoDbEndpoint("us-east-1");
        dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCloud.ACCESS_KEY_ID,
                        LocalCloud.SECRET_ACCESS_KEY)))
                .build();
        AuthTables.all("json").forEach(dynamo::createTable);
        store = new AuthStore(dynamo, "json", Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        cloud.close();
    }

    @Test
    void idsAndFieldsWithQuotesBackslashesAndNewlinesAreAuditedAsJsonThatParsesBackToThem() throws Exception {
        String tenant = "awkward";
        String recordId = "record-" + AWKWARD;
        store.putRole(tenant, new Role("reader", Set.of("documents:read"), 0), 0, "user:admin");
        store.putAccessRecord(tenant, new AccessRecord(recordId, Subject.user("alice-" + AWKWARD), "reader", "/documents", 0), 0,
                "user:" + AWKWARD);
        store.putAccessRecord(tenant, new AccessRecord(recordId, Subject.group("team-" + AWKWARD), "reader", "/documents", 0), 1, "user:admin");
        store.putClient(tenant, "client-" + AWKWARD, "0".repeat(64), Set.of("scope-" + AWKWARD), 0, "user:admin");
        assertThat(ConsistencyCheck.of(dynamo, "json", Clock.systemUTC()).checkTenant(tenant).discrepancies())
                .as("each stored item is in the state its audit entry carries").isEmpty();
        store.deleteAccessRecord(tenant, recordId, 2, "user:admin");

        List<AuditEntry> entries = store.audit(tenant, Optional.empty(), 10).entries();

        assertThat(entries).extracting(AuditEntry::action)
                .containsExactly("role.create", "record.create", "record.update", "client.create", "record.delete");
        AuditEntry created = entries.get(1);
        assertThat(created.target()).isEqualTo("record:" + recordId);
        assertThat(created.actor()).isEqualTo("user:" + AWKWARD);
        JsonNode createdState = JSON.readTree(created.after());
        assertThat(createdState.get("id").asText()).isEqualTo(recordId);
        assertThat(createdState.get("subject").asText()).isEqualTo("user:alice-" + AWKWARD);
        assertThat(createdState.get("version").asLong()).isEqualTo(1);

        AuditEntry updated = entries.get(2);
        assertThat(JSON.readTree(updated.before()).get("subject").asText()).isEqualTo("user:alice-" + AWKWARD);
        assertThat(JSON.readTree(updated.after()).get("subject").asText()).isEqualTo("group:team-" + AWKWARD);

        JsonNode client = JSON.readTree(entries.get(3).after());
        assertThat(client.get("id").asText()).isEqualTo("client-" + AWKWARD);
        assertThat(client.get("scopes").get(0).asText()).isEqualTo("scope-" + AWKWARD);
        assertThat(client.has("secretHash")).as("a client's audit state leaves its secret hash out").isFalse();

        AuditEntry deleted = entries.get(4);
        assertThat(JSON.readTree(deleted.before()).get("id").asText()).isEqualTo(recordId);
        assertThat(deleted.after()).isNull();
    }
}

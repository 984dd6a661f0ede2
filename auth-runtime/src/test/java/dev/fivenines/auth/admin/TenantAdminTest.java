package dev.fivenines.auth.admin;

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
import org.junit.jupiter.api.Test;

import dev.fivenines.auth.admin.TenantAdmin.ClientChange;
import dev.fivenines.auth.admin.TenantAdmin.GroupChange;
import dev.fivenines.auth.admin.TenantAdmin.RecordChange;
import dev.fivenines.auth.admin.TenantAdmin.RoleChange;
import dev.fivenines.auth.admin.TenantAdmin.UserChange;
import dev.fivenines.auth.api.BadRequest;
import dev.fivenines.auth.authz.ModelCache;
import dev.fivenines.auth.authz.Subject;
import dev.fivenines.auth.clients.ClientCache;
import dev.fivenines.auth.clients.ClientCacheSettings;
import dev.fivenines.auth.tokens.Secrets;
import dev.fivenines.auth.storage.AuditEntry;
import dev.fivenines.auth.storage.AuthStore;
import dev.fivenines.auth.storage.ConflictingWrite;
import dev.fivenines.tables.AuthTables;
import dev.fivenines.testing.aws.LocalCloud;
import dev.fivenines.testing.aws.RegionFaults;
import jakarta.ws.rs.NotFoundException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The admin service on DynamoDB Local, counting the requests that reach it: reads per change, 404 against 409, stale models. */
class TenantAdminTest {

    private static final String ADMIN = "client:admin";

    private static LocalCloud cloud;
    private static DynamoDbClient dynamo;
    private static AuthStore store;
    private static ModelCache models;
    private static TenantAdmin admin;
    /** Kept for an hour: only the admin's invalidation can make it read storage again within a test. */
    private static ClientCache clients;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().regions(List.of("us-east-1")).route53(false).start();
        dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(cloud.dynamoDbEndpoint("us-east-1"))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCloud.ACCESS_KEY_ID,
                        LocalCloud.SECRET_ACCESS_KEY)))
                .build();
        AuthTables.all("admin").forEach(dynamo::createTable);
        store = new AuthStore(dynamo, "admin", Clock.systemUTC());
        models = new ModelCache(store::loadModel, Duration.ofMinutes(1), Duration.ofMinutes(5), Clock.systemUTC(), Runnable::run);
        clients = new ClientCache(store::client, new ClientCacheSettings(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1), 1_000),
                Clock.systemUTC(), Runnable::run);
        admin = new TenantAdmin(store, models, clients);
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        cloud.close();
    }

    private static String tenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RegionFaults requests() {
        return cloud.faults("us-east-1");
    }

    private static List<AuditEntry> audit(String tenant) {
        return store.audit(tenant, Optional.empty(), 50).entries();
    }

    @Test
    void aDeletionReadsTheItemOnceThenWritesItWithItsAuditEntry() {
        String tenant = tenant();
        admin.putRole(tenant, "reader", new RoleChange(Set.of("documents:read"), 0L), ADMIN);
        admin.putRecord(tenant, "r1", new RecordChange("user:alice", "reader", "/documents", 0L), ADMIN);
        admin.createClient(tenant, "billing", new ClientChange(Set.of("invoices"), null), ADMIN);

        for (Runnable deletion : List.<Runnable>of(() -> admin.deleteRecord(tenant, "r1", 1L, ADMIN),
                () -> admin.deleteRole(tenant, "reader", 1L, ADMIN), () -> admin.deleteClient(tenant, "billing", 1L, ADMIN))) {
            long gets = requests().calls("GetItem");
            long queries = requests().calls("Query");
            long transactions = requests().calls("TransactWriteItems");
            deletion.run();
            assertThat(requests().calls("GetItem")).as("one read").isEqualTo(gets + 1);
            assertThat(requests().calls("Query")).isEqualTo(queries);
            assertThat(requests().calls("TransactWriteItems")).as("one write with its audit entry").isEqualTo(transactions + 1);
        }

        assertThat(audit(tenant)).extracting(AuditEntry::action).containsExactly("role.create", "record.create", "client.create",
                "record.delete", "role.delete", "client.delete");
        assertThat(audit(tenant).get(4).before()).contains("\"documents:read\"");
        assertThat(store.role(tenant, "reader")).isEmpty();
        assertThat(store.accessRecord(tenant, "r1")).isEmpty();
        assertThat(store.client(tenant, "billing")).isEmpty();
    }

    @Test
    void aMissingItemIsNotFoundAVersionThatIsNotTheStoredOneAConflict() {
        String tenant = tenant();
        assertThatThrownBy(() -> admin.deleteRole(tenant, "reader", 1L, ADMIN)).isInstanceOf(NotFoundException.class)
                .hasMessage("no role reader in tenant " + tenant);
        assertThatThrownBy(() -> admin.deleteRole(tenant, "reader", null, ADMIN)).as("a missing item is named before a missing version")
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> admin.replaceSecret(tenant, "billing", 1L, ADMIN)).isInstanceOf(NotFoundException.class)
                .hasMessage("no client billing in tenant " + tenant);

        admin.putRole(tenant, "reader", new RoleChange(Set.of("documents:read"), 0L), ADMIN);
        assertThatThrownBy(() -> admin.deleteRole(tenant, "reader", null, ADMIN)).isInstanceOf(BadRequest.class)
                .satisfies(e -> assertThat(((BadRequest) e).field()).isEqualTo("version"));
        assertThatThrownBy(() -> admin.deleteRole(tenant, "reader", 7L, ADMIN)).isInstanceOf(ConflictingWrite.class)
                .hasMessage("role:reader is not at version 7: read it again and retry");
        assertThatThrownBy(() -> admin.putRole(tenant, "reader", new RoleChange(Set.of("*"), 0L), ADMIN)).isInstanceOf(ConflictingWrite.class)
                .hasMessage("role:reader already exists");
        assertThat(audit(tenant)).as("nothing but the creation was written").hasSize(1);
    }

    @Test
    void eachFieldThatCannotBeUsedIsNamed() {
        String tenant = tenant();
        assertThat(fieldOf(() -> admin.putRole(tenant, "Not_A_Name", new RoleChange(Set.of("documents:read"), 0L), ADMIN))).isEqualTo("name");
        assertThat(fieldOf(() -> admin.putRole(tenant, "reader", new RoleChange(Set.of("documents:*:x"), 0L), ADMIN))).isEqualTo("permissions");
        assertThat(fieldOf(() -> admin.putRole(tenant, "reader", null, ADMIN))).isEqualTo("version");
        assertThat(fieldOf(() -> admin.putRecord(tenant, "r1", null, ADMIN))).isEqualTo("body");
        assertThat(fieldOf(() -> admin.putRecord(tenant, "r1", new RecordChange("robot:r2", "reader", "/x", 0L), ADMIN))).isEqualTo("subject");
        assertThat(fieldOf(() -> admin.putRecord(tenant, "r1", new RecordChange("user:bob", "nobody", "/x", 0L), ADMIN))).isEqualTo("role");
        assertThat(fieldOf(() -> admin.createClient(tenant, "admin", null, ADMIN))).isEqualTo("clientId");
        assertThat(fieldOf(() -> admin.createClient(tenant, "ci", new ClientChange(Set.of("Not A Scope"), null), ADMIN))).isEqualTo("scopes");
        assertThat(fieldOf(() -> admin.putGroup(tenant, "sales", new GroupChange("x".repeat(1025))))).isEqualTo("description");
        assertThat(fieldOf(() -> admin.audit(tenant, null, 501))).isEqualTo("limit");
        assertThat(fieldOf(() -> admin.audit(tenant, "not base64!", 10))).isEqualTo("cursor");
        assertThat(audit(tenant)).isEmpty();
    }

    private static String fieldOf(Runnable call) {
        try {
            call.run();
        } catch (BadRequest e) {
            return e.field();
        }
        throw new AssertionError("no BadRequest");
    }

    @Test
    void changesToWhatDecisionsReadMakeTheModelStaleAndNothingElseDoes() {
        String tenant = tenant();
        models.model(tenant);
        admin.putRole(tenant, "reader", new RoleChange(Set.of("documents:read"), 0L), ADMIN);
        assertThat(models.inMemory(tenant)).as("after a role change").isFalse();

        models.model(tenant);
        assertThatThrownBy(() -> admin.putRole(tenant, "reader", new RoleChange(Set.of("*"), 0L), ADMIN)).isInstanceOf(ConflictingWrite.class);
        admin.createClient(tenant, "billing", new ClientChange(Set.of(), null), ADMIN);
        admin.putGroup(tenant, "hr", new GroupChange("People"));
        assertThat(models.inMemory(tenant)).as("after a refused change, a client and a group").isTrue();

        admin.putUser(tenant, "carol", new UserChange(Set.of("hr")));
        assertThat(models.inMemory(tenant)).as("after a user change").isFalse();
        assertThat(models.model(tenant).membersOf("hr")).containsExactly("carol");

        admin.putRecord(tenant, "r1", new RecordChange("group:hr", "reader", "/documents", 0L), ADMIN);
        assertThat(models.inMemory(tenant)).as("after an access record change").isFalse();
        assertThat(models.model(tenant).decide(Subject.user("carol"), "documents:read", "/documents/a").allowed())
                .isTrue();
    }

    @Test
    void aGroupIsReadWithItsMembersInOneQueryAndStaysWhileItHasMembers() {
        String tenant = tenant();
        admin.putGroup(tenant, "sales", new GroupChange("Sales team"));
        admin.putUser(tenant, "dave", new UserChange(Set.of("sales")));
        admin.putUser(tenant, "bob", new UserChange(Set.of("sales", "hr")));
        admin.putUser(tenant, "erin", new UserChange(Set.of("hr")));

        long gets = requests().calls("GetItem");
        long queries = requests().calls("Query");
        assertThat(admin.group(tenant, "sales").members()).containsExactly("bob", "dave");
        assertThat(requests().calls("Query")).isEqualTo(queries + 1);
        assertThat(requests().calls("GetItem")).isEqualTo(gets);

        assertThatThrownBy(() -> admin.deleteGroup(tenant, "sales")).isInstanceOf(ConflictingWrite.class)
                .hasMessage("group sales still has members: take them out first");
        admin.deleteUser(tenant, "dave");
        admin.putUser(tenant, "bob", new UserChange(Set.of("hr")));
        admin.deleteGroup(tenant, "sales");
        assertThatThrownBy(() -> admin.group(tenant, "sales")).isInstanceOf(NotFoundException.class)
                .hasMessage("no group sales in tenant " + tenant);
        assertThatThrownBy(() -> admin.deleteUser(tenant, "dave")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void everyClientChangeIsSeenAtOnceByTheTokenEndpointOfThisReplica() {
        String tenant = tenant();
        assertThat(clients.client(tenant, "billing")).as("looked up before it exists: the absence is kept").isEmpty();
        TenantAdmin.ClientWithSecret created = admin.createClient(tenant, "billing", new ClientChange(Set.of("invoices"), null), ADMIN);
        assertThat(clients.client(tenant, "billing")).as("created").get().extracting(c -> c.secretHash()).isEqualTo(Secrets.hash(created.secret()));

        admin.updateClient(tenant, "billing", new ClientChange(Set.of("invoices", "refunds"), 1L), ADMIN);
        assertThat(clients.client(tenant, "billing")).as("scopes changed").get().extracting(c -> c.scopes())
                .isEqualTo(Set.of("invoices", "refunds"));

        TenantAdmin.ClientWithSecret replaced = admin.replaceSecret(tenant, "billing", 2L, ADMIN);
        assertThat(clients.client(tenant, "billing")).as("secret replaced").get().extracting(c -> c.secretHash())
                .isEqualTo(Secrets.hash(replaced.secret())).isNotEqualTo(Secrets.hash(created.secret()));

        admin.deleteClient(tenant, "billing", 3L, ADMIN);
        assertThat(clients.client(tenant, "billing")).as("deleted").isEmpty();
    }
}

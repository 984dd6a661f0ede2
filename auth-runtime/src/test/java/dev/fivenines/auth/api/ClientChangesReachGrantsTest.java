package dev.fivenines.auth.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Grants answer from the client cache, and a client change still reaches them: at once when it is made through this
 * replica, within {@code fivenines.clients.expire-after} when another replica or region makes it (here: the item
 * deleted or rewritten in storage behind this replica's back, as the global table would replicate it).
 */
@QuarkusTest
@TestProfile(ClientCacheBoundProfile.class)
@QuarkusTestResource(value = LocalDynamoResource.class, restrictToAnnotatedClass = true)
class ClientChangesReachGrantsTest {

    @Inject
    DynamoDbClient dynamo;

    private static int grant(String tenant, String clientId, String secret) {
        return given().auth().preemptive().basic(clientId, secret).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").post("/tenants/{t}/oauth2/token", tenant).statusCode();
    }

    private static String adminToken() {
        return given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "admin").formParam("client_secret", "acme-bootstrap-secret").post("/tenants/acme/oauth2/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private static JsonPath createClient(String admin, String id) {
        return given().auth().oauth2(admin).contentType("application/json").body(Map.of("scopes", List.of("authorize")))
                .post("/tenants/acme/admin/clients/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private Map<String, AttributeValue> key(String clientId) {
        return Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk", AttributeValue.fromS("CLIENT#" + clientId));
    }

    @Test
    void aSecretReplacedOrAClientDeletedThroughThisReplicaStopsWorkingAtOnce() {
        String admin = adminToken();
        String first = createClient(admin, "payroll").getString("clientSecret");
        assertThat(grant("acme", "payroll", first)).isEqualTo(200);

        String second = given().auth().oauth2(admin).queryParam("version", 1)
                .post("/tenants/acme/admin/clients/payroll/secret").then().statusCode(200).header("Cache-Control", "no-store").extract().path("clientSecret");
        assertThat(grant("acme", "payroll", first)).as("the replaced secret, right after the change").isEqualTo(401);
        assertThat(grant("acme", "payroll", second)).isEqualTo(200);

        given().auth().oauth2(admin).queryParam("version", 2).delete("/tenants/acme/admin/clients/payroll").then().statusCode(204);
        assertThat(grant("acme", "payroll", second)).as("the deleted client, right after the change").isEqualTo(401);
    }

    @Test
    void aClientDeletedOrRewrittenElsewhereStopsWorkingHereWithinTheExpiry() {
        String admin = adminToken();
        String deletedSecret = createClient(admin, "reports").getString("clientSecret");
        String rewrittenSecret = createClient(admin, "exports").getString("clientSecret");
        assertThat(grant("acme", "reports", deletedSecret)).isEqualTo(200);
        assertThat(grant("acme", "exports", rewrittenSecret)).isEqualTo(200);

        // another replica's changes, as replication brings them into this region's table
        dynamo.deleteItem(d -> d.tableName("runtime-auth").key(key("reports")));
        dynamo.updateItem(u -> u.tableName("runtime-auth").key(key("exports")).updateExpression("SET secretHash = :h")
                .expressionAttributeValues(Map.of(":h", AttributeValue.fromS("0".repeat(64)))));
        long changed = System.nanoTime();
        assertThat(grant("acme", "reports", deletedSecret)).as("answered from memory, without reading storage").isEqualTo(200);

        Duration bound = Duration.ofSeconds(ClientCacheBoundProfile.EXPIRE_AFTER_SECONDS);
        await().atMost(bound.plusSeconds(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> grant("acme", "reports", deletedSecret) == 401 && grant("acme", "exports", rewrittenSecret) == 401);
        Duration took = Duration.ofNanos(System.nanoTime() - changed);
        System.out.println("[client cache] a change made elsewhere refused here after " + took.toMillis() + " ms (expire-after " + bound + ")");
        assertThat(took).isLessThanOrEqualTo(bound.plusSeconds(1));
        // and it stays refused
        for (int i = 0; i < 5; i++) {
            assertThat(grant("acme", "reports", deletedSecret)).isEqualTo(401);
            assertThat(grant("acme", "exports", rewrittenSecret)).isEqualTo(401);
        }
    }
}

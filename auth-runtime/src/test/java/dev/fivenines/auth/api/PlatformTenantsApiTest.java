package dev.fivenines.auth.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fivenines.auth.consistency.ConsistencyCheck;
import dev.fivenines.auth.consistency.ConsistencyReport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The platform API: provision a tenant with its first admin, list tenants page by page, retire one; audited, consistent. */
@QuarkusTest
@TestProfile(PlatformProfile.class)
@QuarkusTestResource(value = LocalDynamoResource.class, restrictToAnnotatedClass = true)
class PlatformTenantsApiTest {

    @Inject
    DynamoDbClient dynamo;

    private static RequestSpecification platform() {
        return given().header("Authorization", "Bearer " + PlatformProfile.CREDENTIAL);
    }

    private static JsonPath create(String tenant) {
        Response created = platform().contentType("application/json").body(Map.of("id", tenant)).post("/platform/tenants");
        created.then().statusCode(201).header("Cache-Control", "no-store").body("tenant.id", equalTo(tenant))
                .body("tenant.status", equalTo("active")).body("adminClient.clientId", equalTo("tenant-admin"))
                .body("adminClient.scopes", hasItems("admin"));
        return created.jsonPath();
    }

    private static String token(String tenant, String clientId, String secret) {
        return given().auth().preemptive().basic(clientId, secret).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").post("/tenants/{t}/oauth2/token", tenant)
                .then().statusCode(200).body("scope", equalTo("admin")).extract().path("access_token");
    }

    @Test
    void aProvisionedTenantIsServedWithItsFirstAdminAndARetiredOneIsGoneEverywhere() {
        given().get("/tenants/newco/jwks").then().statusCode(404);
        JsonPath created = create("newco");
        String admin = token("newco", "tenant-admin", created.getString("adminClient.clientSecret"));
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("permissions", List.of("documents:read"), "version", 0))
                .put("/tenants/newco/admin/roles/reader").then().statusCode(200);
        given().get("/tenants/newco/jwks").then().statusCode(200);
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("permission", "documents:read", "resource", "/d"))
                .post("/tenants/newco/authorize").then().statusCode(200);
        platform().contentType("application/json").body(Map.of("id", "newco")).post("/platform/tenants").then().statusCode(409);

        platform().delete("/platform/tenants/newco").then().statusCode(200).body("status", equalTo("retired"));
        given().get("/tenants/newco/jwks").then().statusCode(404).body("error", equalTo("tenant_not_found"));
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("permission", "documents:read", "resource", "/d"))
                .post("/tenants/newco/authorize").then().statusCode(404);
        given().auth().oauth2(admin).get("/tenants/newco/admin/roles/reader").then().statusCode(404);
        given().auth().preemptive().basic("tenant-admin", created.getString("adminClient.clientSecret"))
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .post("/tenants/newco/oauth2/token").then().statusCode(404);
        assertThat(dynamo.getItem(g -> g.tableName("runtime-auth").consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("TENANT#newco"), "sk", AttributeValue.fromS("KEYRING")))).item())
                .as("its signing keys are deleted").isEmpty();
        platform().delete("/platform/tenants/newco").then().statusCode(404);
        platform().contentType("application/json").body(Map.of("id", "newco")).post("/platform/tenants").then().statusCode(409)
                .body("reason", equalTo("tenant newco exists or was retired: a tenant id is provisioned once"));
    }

    @Test
    void theListGoesPageByPageAndShowsBootstrapAndProvisionedTenants() {
        create("listed-one");
        create("listed-two");
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = platform().queryParam("limit", 1);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/platform/tenants").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("entries.id"));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null && pages < 50);
        assertThat(ids).contains("acme", "globex", "listed-one", "listed-two").doesNotHaveDuplicates().isSorted();
        assertThat(pages).isGreaterThanOrEqualTo(4);
    }

    @Test
    void onlyThePlatformCredentialIsAcceptedNotATenantAdminToken() {
        String acmeAdmin = given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "admin").formParam("client_secret", "acme-bootstrap-secret").post("/tenants/acme/oauth2/token")
                .then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(acmeAdmin).get("/platform/tenants").then().statusCode(401).body("error", equalTo("invalid_token"));
        given().auth().oauth2(acmeAdmin).delete("/platform/tenants/acme").then().statusCode(401);
        given().get("/platform/tenants").then().statusCode(401);
        given().header("Authorization", "Bearer " + PlatformProfile.CREDENTIAL + "x").contentType("application/json")
                .body(Map.of("id", "sneaky")).post("/platform/tenants").then().statusCode(401);
        given().get("/tenants/sneaky/jwks").then().statusCode(404);
    }

    @Test
    void everyPlatformChangeIsAuditedAndTheTablesStayConsistent() {
        JsonPath created = create("audited");
        platform().delete("/platform/tenants/audited").then().statusCode(200);
        List<Map<String, AttributeValue>> platformTrail = dynamo.query(q -> q.tableName("runtime-audit").consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PLATFORM")))).items();
        assertThat(platformTrail).filteredOn(e -> e.get("target").s().equals("tenant:audited"))
                .extracting(e -> e.get("action").s() + " by " + e.get("actor").s())
                .containsExactly("tenant.create by platform", "tenant.retire by platform");
        List<Map<String, AttributeValue>> tenantTrail = dynamo.query(q -> q.tableName("runtime-audit").consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#audited")))).items();
        assertThat(tenantTrail).extracting(e -> e.get("action").s() + " " + e.get("target").s())
                .containsExactly("client.create client:" + created.getString("adminClient.clientId"));
        assertThat(tenantTrail.get(0).get("after").s()).doesNotContain(created.getString("adminClient.clientSecret"));

        ConsistencyReport report = ConsistencyCheck.of(dynamo, "runtime", Clock.systemUTC()).checkAllTenants();
        assertThat(report.discrepancies()).isEmpty();
        assertThat(report.consistent()).isTrue();
    }

    @Test
    void badPlatformInputIsA400NamingTheField() {
        platform().contentType("application/json").body(Map.of("id", "Not_A_Tenant")).post("/platform/tenants").then().statusCode(400)
                .body("field", equalTo("id"));
        platform().contentType("application/json").body(Map.of("id", "okay", "adminClientId", "admin")).post("/platform/tenants")
                .then().statusCode(400).body("field", equalTo("adminClientId"));
        platform().contentType("application/json").body("{\"id\": 5").post("/platform/tenants").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        platform().queryParam("limit", 0).get("/platform/tenants").then().statusCode(400).body("field", equalTo("limit"));
        platform().queryParam("cursor", "!!!").get("/platform/tenants").then().statusCode(400).body("field", equalTo("cursor"));
        given().get("/tenants/okay/jwks").then().statusCode(404);
    }
}

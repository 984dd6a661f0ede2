package dev.fivenines.auth.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fivenines.auth.storage.TenantRecords;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * A Dedicated deployment serves its customer's tenant only: acme (its customer) gets tokens and decisions; globex, a
 * provisioned-elsewhere bootstrap tenant of the same blueprint, is refused on every path with 404 naming the deployment,
 * and this deployment does not even provision it. The deep health answer says which deployment answered.
 */
@QuarkusTest
@TestProfile(DedicatedProfile.class)
@QuarkusTestResource(value = LocalDynamoResource.class, restrictToAnnotatedClass = true)
class DedicatedDeploymentTest {

    @Inject
    TenantRecords records;

    private static String adminToken(String tenant, String secret) {
        return given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "admin").formParam("client_secret", secret).post("/tenants/{t}/oauth2/token", tenant)
                .then().statusCode(200).extract().path("access_token");
    }

    private static void notServed(Response answer) {
        answer.then().statusCode(404).body("error", equalTo("tenant_not_served")).body("field", equalTo("tenant"))
                .body("reason", containsString("tenant globex is not served by deployment auth-acme"));
    }

    @Test
    void itsCustomersTenantGetsTokensAndDecisions() {
        String admin = adminToken("acme", "acme-bootstrap-secret");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("permission", "documents:read", "resource", "/d"))
                .post("/tenants/acme/authorize").then().statusCode(200).body("allowed", equalTo(false));
        given().get("/tenants/acme/jwks").then().statusCode(200);
    }

    @Test
    void anotherTenantIsRefusedOnEveryPathAndNeverProvisionedHere() {
        String someToken = adminToken("acme", "acme-bootstrap-secret");
        notServed(given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "admin").formParam("client_secret", "globex-bootstrap-secret").post("/tenants/globex/oauth2/token"));
        notServed(given().get("/tenants/globex/jwks"));
        notServed(given().get("/tenants/globex/.well-known/openid-configuration"));
        notServed(given().auth().oauth2(someToken).contentType("application/json")
                .body(Map.of("permission", "documents:read", "resource", "/d")).post("/tenants/globex/authorize"));
        notServed(given().auth().oauth2(someToken).get("/tenants/globex/admin/roles/reader"));
        assertThat(records.get("acme")).as("its customer's bootstrap tenant is provisioned").isPresent();
        assertThat(records.get("globex")).as("another bootstrap tenant is left to the deployments that serve it").isEmpty();
    }

    @Test
    void theDeepHealthAnswerSaysWhichDeploymentAnswered() {
        given().get("/q/health/deep").then().statusCode(200).body("deployment.deployment", equalTo("auth-acme"))
                .body("deployment.variant", equalTo("Dedicated")).body("deployment.region", equalTo("us-east-1"))
                .body("deployment.customer", equalTo("acme"));
    }
}

package dev.fivenines.auth.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fivenines.auth.support.Management;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The runtime's HTTP API on DynamoDB Local: tokens, discovery, admin writes with audit, decisions, tenant isolation. */
@QuarkusTest
@QuarkusTestResource(value = LocalDynamoResource.class, restrictToAnnotatedClass = true)
class RuntimeApiTest {

    private static String adminToken(String tenant, String secret) {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", "admin").formParam("client_secret", secret)
                .post("/tenants/{t}/oauth2/token", tenant)
                .then().statusCode(200).body("token_type", equalTo("Bearer")).body("scope", equalTo("admin"))
                .extract().path("access_token");
    }

    private static void putRole(String tenant, String token, String name, List<String> permissions, long version) {
        given().auth().oauth2(token).contentType("application/json").body(Map.of("permissions", permissions, "version", version))
                .put("/tenants/{t}/admin/roles/{n}", tenant, name).then().statusCode(200);
    }

    @Test
    void discoveryAndJwksShowPublicKeysOnly() {
        given().get("/tenants/acme/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", equalTo("https://auth.localhost/tenants/acme"))
                .body("jwks_uri", equalTo("https://auth.localhost/tenants/acme/jwks"));
        given().get("/tenants/acme/jwks").then().statusCode(200)
                .body("keys[0].kty", equalTo("EC")).body("keys[0].crv", equalTo("P-256"))
                .body("keys[0].d", nullValue()).body("keys[0].kid", containsString("acme-"));
    }

    @Test
    void tokenEndpointRefusesWrongSecretsAndGrants() {
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "admin").formParam("client_secret", "guess")
                .post("/tenants/acme/oauth2/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .post("/tenants/acme/oauth2/token").then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "admin").formParam("client_secret", "acme-bootstrap-secret")
                .post("/tenants/unknown-tenant/oauth2/token").then().statusCode(404).body("error", equalTo("tenant_not_found"));
    }

    @Test
    void grantsWrittenByAnAdminDecideAndAreAudited() {
        String token = adminToken("acme", "acme-bootstrap-secret");
        putRole("acme", token, "reader", List.of("documents:read"), 0);
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("subject", "user:alice", "role", "reader", "resource", "/documents", "version", 0))
                .put("/tenants/acme/admin/access-records/alice-docs").then().statusCode(200).body("version", equalTo(1));

        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("subject", "user:alice", "permission", "documents:read", "resource", "/documents/q3"))
                .post("/tenants/acme/authorize").then().statusCode(200)
                .body("allowed", equalTo(true)).body("record", equalTo("alice-docs")).body("role", equalTo("reader"));

        given().auth().oauth2(token).delete("/tenants/acme/admin/access-records/alice-docs?version=1").then().statusCode(204);
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("subject", "user:alice", "permission", "documents:read", "resource", "/documents/q3"))
                .post("/tenants/acme/authorize").then().statusCode(200)
                .body("allowed", equalTo(false)).body("reason", containsString("no access record of user:alice"));

        given().auth().oauth2(token).get("/tenants/acme/admin/audit").then().statusCode(200)
                .body("entries.action", hasItems("role.create", "record.create", "record.delete"))
                .body("entries.actor", not(hasItems("user:alice")));
    }

    @Test
    void badInputIsA400NamingTheFieldConflictsA409UnknownsA404() {
        String token = adminToken("acme", "acme-bootstrap-secret");
        given().auth().oauth2(token).contentType("application/json").body(Map.of("permissions", List.of("documents:*:x"), "version", 0))
                .put("/tenants/acme/admin/roles/broken").then().statusCode(400)
                .body("error", equalTo("invalid_request")).body("field", equalTo("permissions"));
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("subject", "robot:r2", "role", "reader", "resource", "/x", "version", 0))
                .put("/tenants/acme/admin/access-records/r2").then().statusCode(400).body("field", equalTo("subject"));
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("subject", "user:bob", "permission", "documents:read", "resource", "/documents/"))
                .post("/tenants/acme/authorize").then().statusCode(400).body("field", equalTo("resource"));

        putRole("acme", token, "auditor", List.of("audit:read"), 0);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("permissions", List.of("audit:*"), "version", 0))
                .put("/tenants/acme/admin/roles/auditor").then().statusCode(409).body("reason", equalTo("role:auditor already exists"));
        given().auth().oauth2(token).get("/tenants/acme/admin/roles/nobody").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void noRequestReachesAnotherTenantsData() {
        String acme = adminToken("acme", "acme-bootstrap-secret");
        String globex = adminToken("globex", "globex-bootstrap-secret");
        putRole("acme", acme, "secret-keeper", List.of("vault:open"), 0);

        given().auth().oauth2(globex).get("/tenants/acme/admin/roles/secret-keeper").then().statusCode(401)
                .body("error", equalTo("invalid_token"));
        given().auth().oauth2(globex).contentType("application/json").body(Map.of("permissions", List.of("*"), "version", 1))
                .put("/tenants/acme/admin/roles/secret-keeper").then().statusCode(401);
        given().auth().oauth2(globex).get("/tenants/globex/admin/roles/secret-keeper").then().statusCode(404);
        given().auth().oauth2(globex).get("/tenants/globex/admin/audit").then().statusCode(200)
                .body("entries.target", not(hasItems("role:secret-keeper")));
    }

    @Test
    void decisionsNeedAValidTokenOfTheTenant() {
        given().contentType("application/json").body(Map.of("permission", "documents:read", "resource", "/documents"))
                .post("/tenants/acme/authorize").then().statusCode(401).body("error", equalTo("invalid_token"));
        given().auth().oauth2("abc.def.ghi").contentType("application/json").body(Map.of("permission", "documents:read", "resource", "/d"))
                .post("/tenants/acme/authorize").then().statusCode(401).body("reason", containsString("not a signed JWT"));
        given().get("/tenants/Not_A_Tenant/jwks").then().statusCode(400).body("field", equalTo("tenant"));
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void probesMetricsAndStatsAnswerOnlyOnTheManagementPortWhileTheDeepHealthStaysOnTheServingPort() {
        for (String path : List.of("/q/health/ready", "/q/health/live", "/q/health/started", "/q/metrics", "/stats/authorization")) {
            given().get(path).then().statusCode(404);
            Management.given().get(path).then().statusCode(200);
        }
        Management.given().get("/stats/authorization").then().contentType("application/json").body("windows.window", hasItems("1m"));
        // what Route 53 calls goes through the load balancer to the serving port
        given().get("/q/health/deep").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().get("/tenants/acme/jwks").then().statusCode(404);
    }

    @Test
    void clientSecretIsShownOnceAndBothGrantsIssueTokensForTheClient() {
        String admin = adminToken("acme", "acme-bootstrap-secret");
        var created = given().auth().oauth2(admin).contentType("application/json").body(Map.of("scopes", List.of("authorize")))
                .post("/tenants/acme/admin/clients/billing").then().statusCode(200).header("Cache-Control", "no-store")
                .body("clientId", equalTo("billing")).body("version", equalTo(1)).extract().jsonPath();
        String secret = created.getString("clientSecret");
        String apiKey = created.getString("apiKey");

        given().auth().oauth2(admin).get("/tenants/acme/admin/clients/billing").then().statusCode(200)
                .body("clientSecret", nullValue()).body("scopes", hasItems("authorize"));
        given().auth().preemptive().basic("billing", secret).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").post("/tenants/acme/oauth2/token").then().statusCode(200)
                .body("scope", equalTo("authorize"));
        String fromKey = given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "urn:fivenines:grant-type:api-key")
                .formParam("api_key", apiKey).post("/tenants/acme/oauth2/token").then().statusCode(200).extract().path("access_token");
        given().auth().preemptive().basic("billing", secret + "x").contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").post("/tenants/acme/oauth2/token").then().statusCode(401);
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "billing").formParam("client_secret", secret)
                .post("/tenants/globex/oauth2/token").then().statusCode(401).body("error", equalTo("invalid_client"));

        // the client's token asks about its own subject, and may not administer the tenant
        given().auth().oauth2(fromKey).contentType("application/json").body(Map.of("permission", "invoices:read", "resource", "/invoices"))
                .post("/tenants/acme/authorize").then().statusCode(200).body("allowed", equalTo(false))
                .body("reason", containsString("client:billing"));
        given().auth().oauth2(fromKey).get("/tenants/acme/admin/audit").then().statusCode(403).body("error", equalTo("insufficient_scope"));
    }

    @Test
    void usersInheritTheirGroupsGrants() {
        String admin = adminToken("acme", "acme-bootstrap-secret");
        putRole("acme", admin, "payroll-viewer", List.of("payroll:read"), 0);
        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("subject", "group:hr", "role", "payroll-viewer", "resource", "/payroll/*", "version", 0))
                .put("/tenants/acme/admin/access-records/hr-payroll").then().statusCode(200);
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("groups", List.of("hr")))
                .put("/tenants/acme/admin/users/carol").then().statusCode(200);

        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("subject", "user:carol", "permission", "payroll:read", "resource", "/payroll/2026"))
                .post("/tenants/acme/authorize").then().statusCode(200).body("allowed", equalTo(true))
                .body("reason", containsString("group:hr (user:carol is a member)"));

        given().auth().oauth2(admin).delete("/tenants/acme/admin/users/carol").then().statusCode(204);
        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("subject", "user:carol", "permission", "payroll:read", "resource", "/payroll/2026"))
                .post("/tenants/acme/authorize").then().statusCode(200).body("allowed", equalTo(false));
    }

    @Test
    void groupsListTheirMembersAndAClientSecretCanBeReplaced() {
        String admin = adminToken("acme", "acme-bootstrap-secret");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("description", "Sales team"))
                .put("/tenants/acme/admin/groups/sales").then().statusCode(200).body("members", org.hamcrest.Matchers.empty());
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("groups", List.of("sales")))
                .put("/tenants/acme/admin/users/dave").then().statusCode(200);
        given().auth().oauth2(admin).get("/tenants/acme/admin/groups/sales").then().statusCode(200)
                .body("description", equalTo("Sales team")).body("members", hasItems("dave"));
        given().auth().oauth2(admin).delete("/tenants/acme/admin/groups/sales").then().statusCode(409);

        String first = given().auth().oauth2(admin).contentType("application/json").body(Map.of("scopes", List.of("authorize")))
                .post("/tenants/acme/admin/clients/crm").then().statusCode(200).extract().path("clientSecret");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("scopes", List.of("authorize", "reports"), "version", 1))
                .put("/tenants/acme/admin/clients/crm").then().statusCode(200).body("version", equalTo(2));
        String second = given().auth().oauth2(admin).post("/tenants/acme/admin/clients/crm/secret?version=2").then().statusCode(200)
                .extract().path("clientSecret");

        given().auth().preemptive().basic("crm", first).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").post("/tenants/acme/oauth2/token").then().statusCode(401);
        given().auth().preemptive().basic("crm", second).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").post("/tenants/acme/oauth2/token").then().statusCode(200)
                .body("scope", equalTo("authorize reports"));
    }
}

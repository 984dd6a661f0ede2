package dev.fivenines.auth.reliability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fivenines.testing.aws.RegionFaults;
import dev.fivenines.auth.support.Management;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * The runtime over three DynamoDB Local regions whose endpoints are stopped one by one: decisions and token
 * issuance keep working through the next region, the deep health check follows the truth, and traffic
 * returns to the local region when it answers again. With every region down, what needs storage is a clear 503
 * while decisions of a tenant already in memory go on (a storage outage does not stop decisions).
 */
@QuarkusTest
@TestProfile(DrivenNanoTime.Profile.class)
@QuarkusTestResource(value = ThreeRegionResource.class, restrictToAnnotatedClass = true)
class StorageFailoverTest {

    private static final String TENANT = "initech";
    private String clientSecret;

    @Inject
    DrivenNanoTime time;

    private static RegionFaults region(String name) {
        return ThreeRegionResource.regions.cloud().faults(name);
    }

    private static String adminToken() {
        return given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "admin").formParam("client_secret", "initech-bootstrap-secret")
                .post("/tenants/{t}/oauth2/token", TENANT).then().statusCode(200).extract().path("access_token");
    }

    /** A login of a stored client: reads the client from storage every time (the profile keeps no client lookup). */
    private Response login() {
        return given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "billing").formParam("client_secret", clientSecret).post("/tenants/{t}/oauth2/token", TENANT);
    }

    private void decideAllowed(String token) {
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("subject", "client:billing", "permission", "invoices:read", "resource", "/invoices/2026"))
                .post("/tenants/{t}/authorize", TENANT).then().statusCode(200).body("allowed", equalTo(true));
    }

    @BeforeEach
    void aClientWithAGrant() {
        String admin = adminToken();
        given().auth().oauth2(admin).delete("/tenants/{t}/admin/clients/billing?version=1", TENANT);
        clientSecret = given().auth().oauth2(admin).contentType("application/json").body(Map.of("scopes", List.of("invoices")))
                .post("/tenants/{t}/admin/clients/billing", TENANT).then().statusCode(200).extract().path("clientSecret");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("permissions", List.of("invoices:*"), "version", 0))
                .put("/tenants/{t}/admin/roles/invoice-reader", TENANT);
        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("subject", "client:billing", "role", "invoice-reader", "resource", "/invoices", "version", 0))
                .put("/tenants/{t}/admin/access-records/billing-invoices", TENANT);
        awaitReplication();
    }

    @AfterEach
    void everyRegionBack() {
        ThreeRegionResource.regions.restartAll();
        coolDownPasses();
        login().then().statusCode(200);
    }

    /** Every open breaker lets a trial request through again. */
    private void coolDownPasses() {
        time.advance(ThreeRegionResource.BREAKER_COOL_DOWN.plusMillis(100));
    }

    /** Replication between the local cloud's regions runs on its own threads, in real time. */
    private static void awaitReplication() {
        await("writes replicated to every region").atMost(Duration.ofSeconds(3)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertThat(ThreeRegionResource.regions.cloud().pendingReplication()).isZero());
    }

    @Test
    void theDeepHealthCheckPassesEveryStepWhileStorageAnswers() {
        given().get("/q/health/deep").then().statusCode(200).body("status", equalTo("UP")).body("region", equalTo("us-east-1"))
                .body("steps.name", equalTo(List.of("storage", "token", "model", "decision"))).body("steps.ok", everyItem(equalTo(true)));
        given().get("/healthz/deep").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void withTheLocalRegionStoppedLoginsAndDecisionsGoOnThroughTheSecond() {
        String token = login().then().statusCode(200).extract().path("access_token");
        decideAllowed(token);
        long westBefore = region("us-west-2").calls("GetItem");
        long europeBefore = region("eu-west-1").calls("GetItem");
        region("us-east-1").stop();
        for (int i = 0; i < 5; i++) {
            token = login().then().statusCode(200).extract().path("access_token");
            decideAllowed(token);
        }
        // each login reads its client once; the second region serves them, except that while its own breaker is
        // half-open (left by an earlier test) a request that finds the trial taken goes on to the third
        long westServed = region("us-west-2").calls("GetItem") - westBefore;
        long europeServed = region("eu-west-1").calls("GetItem") - europeBefore;
        assertThat(westServed + europeServed).isGreaterThanOrEqualTo(5);
        assertThat(westServed).isGreaterThan(europeServed);
        given().get("/q/health/deep").then().statusCode(200);
        Management.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fivenines_storage_hops_total{region=\"us-west-2\"}"))
                .body(containsString("fivenines_storage_breaker_open{region=\"us-east-1\"} 1.0"));
    }

    @Test
    void withTwoRegionsStoppedTheThirdServes() {
        region("us-east-1").stop();
        region("us-west-2").stop();
        long europeBefore = region("eu-west-1").calls("GetItem");
        String token = login().then().statusCode(200).extract().path("access_token");
        decideAllowed(token);
        assertThat(region("eu-west-1").calls("GetItem")).isGreaterThan(europeBefore);
        given().get("/q/health/deep").then().statusCode(200);
    }

    @Test
    void withEveryRegionStoppedTheAnswerIsAClear503AndTheDeepCheckFails() {
        String token = login().then().statusCode(200).extract().path("access_token");
        decideAllowed(token);
        region("us-east-1").stop();
        region("us-west-2").stop();
        region("eu-west-1").stop();
        login().then().statusCode(503).header("Retry-After", "1").body("error", equalTo("temporarily_unavailable"))
                .body("reason", containsString("us-east-1")).body("reason", containsString("eu-west-1"));
        given().get("/healthz/deep").then().statusCode(503).body("status", equalTo("DOWN")).body("failedStep", equalTo("storage"))
                .body("steps.find { it.name == 'storage' }.detail", containsString("no storage region could serve"));
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("subject", "client:x", "permission", "a:b", "resource", "/r"))
                .post("/tenants/{t}/authorize", "never-loaded").then().statusCode(503).header("Retry-After", "1");
        decideAllowed(token);
    }

    @Test
    void whenTheLocalRegionAnswersAgainTrafficReturnsToIt() {
        region("us-east-1").stop();
        for (int i = 0; i < 4; i++) {
            login().then().statusCode(200);
        }
        region("us-east-1").start();
        coolDownPasses();
        // the cool-down is over: the next requests try the local region again, and its first success closes the breaker
        login().then().statusCode(200);
        login().then().statusCode(200);
        long localBefore = region("us-east-1").calls("GetItem");
        long westBefore = region("us-west-2").calls("GetItem");
        for (int i = 0; i < 5; i++) {
            login().then().statusCode(200);
        }
        assertThat(region("us-east-1").calls("GetItem")).isGreaterThanOrEqualTo(localBefore + 5);
        assertThat(region("us-west-2").calls("GetItem")).isEqualTo(westBefore);
        Management.given().get("/q/metrics").then().body(containsString("fivenines_storage_breaker_open{region=\"us-east-1\"} 0.0"));
    }

    @Test
    void everyDecisionAndLoginCountsTowardsTheAuthorizationRatio() {
        String token = login().then().statusCode(200).extract().path("access_token");
        Map<String, Object> before = Management.given().get("/stats/authorization").then().statusCode(200).extract().path("windows[0].outcomes");
        decideAllowed(token);
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("subject", "client:billing", "permission", "payroll:read", "resource", "/payroll"))
                .post("/tenants/{t}/authorize", TENANT).then().statusCode(200).body("allowed", equalTo(false));
        given().auth().oauth2("not-a-token").contentType("application/json")
                .body(Map.of("permission", "invoices:read", "resource", "/invoices")).post("/tenants/{t}/authorize", TENANT).then().statusCode(401);
        region("us-east-1").stop();
        region("us-west-2").stop();
        region("eu-west-1").stop();
        login().then().statusCode(503);

        Map<String, Object> after = Management.given().get("/stats/authorization").then().statusCode(200)
                .body("windows.window", equalTo(List.of("1m", "10m", "1h"))).extract().path("windows[0].outcomes");
        assertThat(count(after, "success") - count(before, "success")).isEqualTo(1);
        assertThat(count(after, "denied") - count(before, "denied")).isEqualTo(1);
        assertThat(count(after, "rejected") - count(before, "rejected")).isEqualTo(1);
        assertThat(count(after, "failed") - count(before, "failed")).isEqualTo(1);
        Management.given().get("/q/metrics").then().body(containsString("fivenines_authorization_ratio{window=\"1m\"}"))
                .body(containsString("fivenines_authorization_outcomes_total{kind=\"decision\",outcome=\"denied\"}"));
    }

    private static long count(Map<String, Object> outcomes, String outcome) {
        return ((Number) outcomes.get(outcome)).longValue();
    }
}

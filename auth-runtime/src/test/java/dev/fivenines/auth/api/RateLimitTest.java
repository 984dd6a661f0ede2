package dev.fivenines.auth.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fivenines.auth.support.Management;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Per-client limits on the real endpoints: 429 with Retry-After for the flooding client only, milestones counted once. */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
@QuarkusTestResource(value = LocalDynamoResource.class, restrictToAnnotatedClass = true)
class RateLimitTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fivenines.limits.client-block-rps", "20", "fivenines.limits.milestones", "5,10",
                    "fivenines.limits.tenants", "globex=1000,initrode=3", "fivenines.admin.bootstrap-secrets.initrode", "initrode-bootstrap-secret");
        }
    }

    private static String token(String tenant, String secret) {
        return given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "admin").formParam("client_secret", secret).post("/tenants/{t}/oauth2/token", tenant)
                .then().statusCode(200).extract().path("access_token");
    }

    private static Response decide(String tenant, String token) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("subject", "user:alice", "permission", "documents:read", "resource", "/documents/a"))
                .post("/tenants/{t}/authorize", tenant);
    }

    private static int count(List<Integer> statuses, int status) {
        return (int) statuses.stream().filter(s -> s == status).count();
    }

    @Test
    void aFloodingClientIsBlockedWhileOtherTenantsGoOn() {
        String acme = token("acme", "acme-bootstrap-secret");
        String globex = token("globex", "globex-bootstrap-secret");
        String metricsBefore = Management.given().get("/q/metrics").asString();
        double blockedBefore = metric(metricsBefore, "fivenines_limits_blocked_total");
        double level10Before = metric(metricsBefore, "fivenines_limits_milestones_total{level=\"10\"}");
        int blockedOutcomesBefore = Management.given().get("/stats/authorization").then().extract().path("windows[0].outcomes.blocked");
        List<Integer> acmeStatuses = new java.util.ArrayList<>();
        List<Integer> globexStatuses = new java.util.ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 80; i++) {
            Response answer = decide("acme", acme);
            acmeStatuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                assertThat(answer.header("Retry-After")).matches("[1-9][0-9]*");
                assertThat(answer.jsonPath().getString("error")).isEqualTo("rate_limited");
                assertThat(answer.jsonPath().getString("reason")).contains("20 requests/s");
            }
            globexStatuses.add(decide("globex", globex).statusCode());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(count(acmeStatuses, 429)).as("acme's admin client above 20 requests/s, over %.2f s", seconds).isPositive();
        assertThat(count(acmeStatuses, 200)).as("admitted at most the limit in each started second and the one before")
                .isLessThanOrEqualTo((int) ((Math.ceil(seconds) + 1) * 20));
        assertThat(count(acmeStatuses, 200) + count(acmeStatuses, 429)).isEqualTo(80);
        assertThat(globexStatuses).as("globex's limit is 1000 requests/s").containsOnly(200);

        Management.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fivenines_limits_milestones_total{level=\"5\"}"))
                .body(containsString("fivenines_limits_blocked_total"));
        String metrics = Management.given().get("/q/metrics").asString();
        assertThat(metric(metrics, "fivenines_limits_blocked_total") - blockedBefore).isEqualTo(count(acmeStatuses, 429));
        // acme's and globex's admin clients each cross 10 requests/s once per milestone window (the run may straddle one
        // window boundary); exactness per client and window is in RateLimiterTest
        assertThat(metric(metrics, "fivenines_limits_milestones_total{level=\"10\"}") - level10Before).isBetween(2.0, 4.0);
        Management.given().get("/stats/authorization").then()
                .body("windows[0].outcomes.blocked", equalTo(blockedOutcomesBefore + count(acmeStatuses, 429)));
    }

    @Test
    void unknownClientIdsShareOneLimitSoMadeUpIdsDoNotEscapeIt() {
        int blocked = 0;
        for (int i = 0; i < 30; i++) {
            int status = given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                    .formParam("client_id", "guess-" + i).formParam("client_secret", "wrong").post("/tenants/{t}/oauth2/token", "initrode")
                    .statusCode();
            assertThat(status).isIn(401, 429);
            blocked += status == 429 ? 1 : 0;
        }
        assertThat(blocked).as("30 different made-up ids against initrode's limit of 3 requests/s").isPositive();
    }

    private static double metric(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{") && name.contains("{") && l.startsWith(name))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}

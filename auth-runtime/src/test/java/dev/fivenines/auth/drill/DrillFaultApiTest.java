package dev.fivenines.auth.drill;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fivenines.auth.api.LocalDynamoResource;
import dev.fivenines.auth.support.Management;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A drill image's fault on the real endpoint: the set share of decisions is answered 500 and counted as failed. */
@QuarkusTest
@TestProfile(DrillFaultApiTest.HalfFail.class)
@QuarkusTestResource(value = LocalDynamoResource.class, restrictToAnnotatedClass = true)
class DrillFaultApiTest {

    public static class HalfFail implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fivenines.drill.decision-failure-share", "0.5");
        }
    }

    @Test
    void halfOfTheDecisionsFailAndTheRatioSeesIt() {
        String token = given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "admin").formParam("client_secret", "acme-bootstrap-secret").post("/tenants/acme/oauth2/token")
                .then().statusCode(200).extract().path("access_token");
        int failedBefore = Management.given().get("/stats/authorization").then().extract().path("windows[0].outcomes.failed");
        List<Integer> statuses = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            var response = given().auth().oauth2(token).contentType("application/json")
                    .body(Map.of("subject", "user:alice", "permission", "documents:read", "resource", "/documents/a"))
                    .post("/tenants/acme/authorize");
            statuses.add(response.statusCode());
            if (response.statusCode() == 500) {
                errors.add(response.jsonPath().getString("error"));
            }
        }
        int failedAfter = Management.given().get("/stats/authorization").then().extract().path("windows[0].outcomes.failed");

        assertThat(statuses).filteredOn(s -> s == 500).hasSize(10);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(10);
        assertThat(errors).containsOnly("drill_fault");
        assertThat(failedAfter - failedBefore).isEqualTo(10);
        assertThat(Management.given().get("/q/metrics").asString())
                .containsPattern("fivenines_authorization_outcomes_total\\{kind=\"decision\",outcome=\"failed\",?\\} 10\\.0");
    }
}

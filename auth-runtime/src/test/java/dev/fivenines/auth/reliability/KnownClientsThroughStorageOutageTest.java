package dev.fivenines.auth.reliability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fivenines.testing.aws.RegionFaults;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * With the client cache as it ships: a client in use gets its tokens from memory, reading storage only once, and keeps
 * getting them while every storage region is down; a client never seen before gets a clear 503.
 */
@QuarkusTest
@TestProfile(DrivenNanoTime.WithClientCache.class)
@QuarkusTestResource(value = ThreeRegionResource.class, restrictToAnnotatedClass = true)
class KnownClientsThroughStorageOutageTest {

    private static final String TENANT = "initech";

    private static RegionFaults region(String name) {
        return ThreeRegionResource.regions.cloud().faults(name);
    }

    private static Response login(String clientId, String secret) {
        return given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret).post("/tenants/{t}/oauth2/token", TENANT);
    }

    private static long clientReads() {
        return List.of("us-east-1", "us-west-2", "eu-west-1").stream().mapToLong(r -> region(r).calls("GetItem")).sum();
    }

    @Test
    void aKnownClientIsAnsweredFromMemoryAndKeepsGettingTokensWithEveryRegionDown() {
        String admin = login("admin", "initech-bootstrap-secret").then().statusCode(200).extract().path("access_token");
        String secret = given().auth().oauth2(admin).contentType("application/json").body(Map.of("scopes", List.of("invoices")))
                .post("/tenants/{t}/admin/clients/payments", TENANT).then().statusCode(200).extract().path("clientSecret");
        login("payments", secret).then().statusCode(200);

        long readsBefore = clientReads();
        for (int i = 0; i < 20; i++) {
            login("payments", secret).then().statusCode(200);
        }
        assertThat(clientReads() - readsBefore).as("storage reads for 20 logins of a client in use").isZero();
        login("payments", secret + "x").then().statusCode(401).body("error", equalTo("invalid_client"));

        region("us-east-1").stop();
        region("us-west-2").stop();
        region("eu-west-1").stop();
        try {
            for (int i = 0; i < 5; i++) {
                login("payments", secret).then().statusCode(200).body("scope", equalTo("invoices"));
            }
            login("payments", secret + "x").then().statusCode(401);
            login("never-seen", "whatever").then().statusCode(503).body("error", equalTo("temporarily_unavailable"));
        } finally {
            ThreeRegionResource.regions.restartAll();
        }
    }
}

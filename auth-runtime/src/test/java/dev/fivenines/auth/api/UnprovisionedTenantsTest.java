package dev.fivenines.auth.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.fivenines.auth.authz.ModelCache;
import dev.fivenines.auth.tenants.TenantDirectory;
import dev.fivenines.auth.tokens.KeyRings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every hole through which a request used to conjure a tenant (its JWKS, a token grant, a decision with a token signed by
 * a made-up tenant's key) answers 404, writes nothing and leaves no tenant behind in memory.
 */
@QuarkusTest
@TestProfile(PlatformProfile.class)
@QuarkusTestResource(value = LocalDynamoResource.class, restrictToAnnotatedClass = true)
class UnprovisionedTenantsTest {

    @Inject
    DynamoDbClient dynamo;
    @Inject
    TenantDirectory directory;
    @Inject
    ModelCache models;
    @Inject
    KeyRings keyRings;

    private long itemsBefore;

    @BeforeEach
    void countItems() {
        // acme is in use, so its key ring and model are in memory before the made-up tenants come
        String admin = given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "admin").formParam("client_secret", "acme-bootstrap-secret").post("/tenants/acme/oauth2/token")
                .then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("permission", "documents:read", "resource", "/d"))
                .post("/tenants/acme/authorize").then().statusCode(200);
        itemsBefore = TableItems.count(dynamo);
    }

    private static void notFound(Response answer) {
        answer.then().statusCode(404).body("error", equalTo("tenant_not_found")).body("field", equalTo("tenant"));
    }

    private static String tokenSignedByAKeyOf(String tenant) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID(tenant + "-1").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer("https://auth.localhost/tenants/" + tenant).subject("client:x").audience("fivenines")
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).claim("tenant", tenant).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    @Test
    void theJwksOfAMadeUpTenantIsA404AndWritesNothing() {
        notFound(given().get("/tenants/made-up-jwks/jwks"));
        notFound(given().get("/tenants/made-up-jwks/.well-known/openid-configuration"));
        assertThat(TableItems.count(dynamo)).isEqualTo(itemsBefore);
    }

    @Test
    void aTokenGrantForAMadeUpTenantIsA404AndWritesNothing() {
        notFound(given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "admin").formParam("client_secret", "acme-bootstrap-secret").post("/tenants/made-up-grant/oauth2/token"));
        notFound(given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "urn:fivenines:grant-type:api-key")
                .formParam("api_key", "billing.secret").post("/tenants/made-up-grant/oauth2/token"));
        assertThat(TableItems.count(dynamo)).isEqualTo(itemsBefore);
    }

    @Test
    void aDecisionWithATokenOfAMadeUpTenantIsA404AndWritesNothing() throws Exception {
        String token = tokenSignedByAKeyOf("made-up-decision");
        for (int i = 0; i < 3; i++) {
            notFound(given().auth().oauth2(token).contentType("application/json")
                    .body(Map.of("permission", "documents:read", "resource", "/d")).post("/tenants/made-up-decision/authorize"));
        }
        notFound(given().auth().oauth2(token).get("/tenants/made-up-decision/admin/roles/reader"));
        notFound(given().auth().oauth2(token).get("/tenants/made-up-decision/admin/audit"));
        assertThat(TableItems.count(dynamo)).isEqualTo(itemsBefore);
    }

    @Test
    void fiveThousandMadeUpTenantsLeaveMemoryAsItWasAndWriteNothing() throws Exception {
        long rings = keyRings.tenantsInMemory();
        long loadedModels = models.tenantsInMemory();
        long known = directory.knownInMemory();
        for (int i = 0; i < 5_000; i++) {
            String tenant = "flood-" + i;
            int status = switch (i % 3) {
                case 0 -> given().get("/tenants/{t}/jwks", tenant).statusCode();
                case 1 -> given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                        .formParam("client_id", "admin").formParam("client_secret", "x").post("/tenants/{t}/oauth2/token", tenant).statusCode();
                default -> given().auth().oauth2("a.b.c").contentType("application/json")
                        .body(Map.of("permission", "documents:read", "resource", "/d")).post("/tenants/{t}/authorize", tenant).statusCode();
            };
            assertThat(status).as("tenant %s", tenant).isEqualTo(404);
        }
        assertThat(keyRings.tenantsInMemory()).as("key rings").isEqualTo(rings);
        assertThat(models.tenantsInMemory()).as("models").isEqualTo(loadedModels);
        assertThat(directory.knownInMemory()).as("known tenants").isEqualTo(known);
        assertThat(directory.unknownInMemory()).as("ids remembered as unknown, for a few seconds").isLessThanOrEqualTo(10_000);
        assertThat(TableItems.count(dynamo)).isEqualTo(itemsBefore);
    }
}

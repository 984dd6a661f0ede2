package dev.fivenines.auth.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fivenines.auth.api.LocalDynamoResource;
import dev.fivenines.auth.support.Management;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Tracing on, as the operator turns it on (QUARKUS_OTEL_SDK_DISABLED=false, a sampling ratio): a request that writes to
 * DynamoDB is one trace, the request's server span and beneath it a span for each DynamoDB call; probes and scrapes
 * are not traced.
 */
@QuarkusTest
@TestProfile(TracingTest.On.class)
@QuarkusTestResource(value = LocalDynamoResource.class, restrictToAnnotatedClass = true)
class TracingTest {

    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.traces.sampler.arg", "1.0",
                    // no collector in this test: the spans are read from the in-memory exporter
                    "quarkus.otel.exporter.otlp.enabled", "false");
        }
    }

    private static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
    private static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aWriteIsOneTraceFromTheRequestDownToItsDynamoDbCalls() {
        String token = given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "admin").formParam("client_secret", "acme-bootstrap-secret").post("/tenants/acme/oauth2/token")
                .then().statusCode(200).extract().path("access_token");
        Management.given().get("/q/health/ready").then().statusCode(200);
        Management.given().get("/q/metrics").then().statusCode(200);
        spans.reset();

        given().auth().oauth2(token).contentType("application/json").body(Map.of("permissions", List.of("documents:read"), "version", 0))
                .put("/tenants/acme/admin/roles/traced").then().statusCode(200);

        SpanData server = await().atMost(Duration.ofSeconds(20)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/tenants/{tenant}/admin/roles/{name}")).findFirst(),
                found -> found.isPresent()).orElseThrow();
        assertThat(server.getName()).startsWith("PUT ");
        List<SpanData> dynamo = await().atMost(Duration.ofSeconds(20)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(server.getTraceId()) && s.getKind() == SpanKind.CLIENT
                        && "DynamoDb".equals(s.getAttributes().get(RPC_SERVICE))).toList(), found -> !found.isEmpty());
        assertThat(dynamo).as("DynamoDB calls of the write, in the request's trace").allSatisfy(call -> {
            assertThat(call.getParentSpanId()).isEqualTo(server.getSpanId());
            assertThat(call.getAttributes().get(RPC_METHOD)).isNotBlank();
        });
        assertThat(dynamo).extracting(s -> s.getAttributes().get(RPC_METHOD)).containsAnyOf("TransactWriteItems", "PutItem");
        assertThat(spans.getFinishedSpanItems()).as("probes and scrapes").noneMatch(s -> s.getName().contains("/q/"));
    }
}

package dev.fivenines.auth.consistency;

import static dev.fivenines.auth.consistency.LocalTables.key;
import static dev.fivenines.auth.consistency.LocalTables.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fivenines.auth.authz.AccessRecord;
import dev.fivenines.auth.authz.Role;
import dev.fivenines.auth.authz.Subject;
import dev.fivenines.auth.storage.AuthStore;
import dev.fivenines.testing.aws.LocalCloud;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The CronJob's command on DynamoDB Local: its output, metric line and exit status, reached through its environment. */
class ConsistencyCheckMainTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalTables tables;
    private static String previousKeyId;
    private static String previousSecret;

    @BeforeAll
    static void start() {
        tables = LocalTables.start();
        // the command takes credentials from the SDK's default chain, as it does in a pod
        previousKeyId = System.setProperty("aws.accessKeyId", LocalCloud.ACCESS_KEY_ID);
        previousSecret = System.setProperty("aws.secretAccessKey", LocalCloud.SECRET_ACCESS_KEY);
    }

    @AfterAll
    static void stop() {
        restore("aws.accessKeyId", previousKeyId);
        restore("aws.secretAccessKey", previousSecret);
        tables.close();
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }

    private record Outcome(int status, String out, String err) {
        JsonNode report() throws Exception {
            return JSON.readTree(out);
        }
    }

    private static Outcome run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ConsistencyCheckMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> env(String prefix) {
        return Map.of("FIVENINES_STORAGE_TABLE_PREFIX", prefix, "FIVENINES_STORAGE_REGION", "us-east-1",
                "FIVENINES_STORAGE_ENDPOINT", tables.endpoint());
    }

    private static void seed(AuthStore store, String tenant) {
        store.putRole(tenant, new Role("reader", Set.of("documents:read"), 0), 0, "user:admin");
        store.putAccessRecord(tenant, new AccessRecord("r1", Subject.user("alice"), "reader", "/documents", 0), 0, "user:admin");
    }

    @Test
    void consistentTablesExitZeroWithTheReportAndAZeroMetric() throws Exception {
        String prefix = tables.newTables();
        seed(tables.store(prefix), tenant());
        seed(tables.store(prefix), tenant());

        Outcome outcome = run(env(prefix));

        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(outcome.report().get("consistent").asBoolean()).isTrue();
        assertThat(outcome.report().get("tenantsChecked").asInt()).isEqualTo(2);
        assertThat(outcome.report().get("itemsChecked").asInt()).isEqualTo(4);
        assertThat(outcome.report().get("auditEntriesRead").asInt()).isEqualTo(4);
        assertThat(outcome.report().get("durationMillis").isNumber()).isTrue();
        assertThat(outcome.err().lines()).contains("fivenines_consistency_discrepancies 0");
    }

    @Test
    void discrepanciesExitOneWithEachInTheReportAndTheirCountInTheMetric() throws Exception {
        String prefix = tables.newTables();
        String tenant = tenant();
        seed(tables.store(prefix), tenant);
        tables.dynamo.deleteItem(d -> d.tableName(prefix + "-auth").key(key(tenant, "RECORD#r1")));
        Map<String, AttributeValue> ghost = new HashMap<>(key(tenant, "ROLE#ghost"));
        ghost.put("permissions", AttributeValue.fromL(List.of(AttributeValue.fromS("*"))));
        ghost.put("version", AttributeValue.fromN("1"));
        tables.dynamo.putItem(p -> p.tableName(prefix + "-auth").item(ghost));

        Outcome outcome = run(env(prefix));

        assertThat(outcome.status()).as(outcome.err()).isEqualTo(1);
        JsonNode report = outcome.report();
        assertThat(report.get("consistent").asBoolean()).isFalse();
        assertThat(report.get("discrepancies")).hasSize(2);
        assertThat(report.get("discrepancies").findValuesAsText("kind")).containsExactlyInAnyOrder("missing-item", "missing-audit");
        assertThat(report.get("discrepancies").findValuesAsText("target")).containsExactlyInAnyOrder("record:r1", "role:ghost");
        assertThat(report.get("discrepancies").findValuesAsText("tenant")).containsOnly(tenant);
        assertThat(outcome.err().lines()).contains("fivenines_consistency_discrepancies 2");
    }

    @Test
    void tenantOptionChecksThatTenantAlone() throws Exception {
        String prefix = tables.newTables();
        String clean = tenant();
        String damaged = tenant();
        seed(tables.store(prefix), clean);
        seed(tables.store(prefix), damaged);
        tables.dynamo.deleteItem(d -> d.tableName(prefix + "-auth").key(key(damaged, "ROLE#reader")));

        Outcome cleanOnly = run(env(prefix), "--tenant", clean);
        Outcome damagedOnly = run(env(prefix), "--tenant=" + damaged);

        assertThat(cleanOnly.status()).as(cleanOnly.err()).isZero();
        assertThat(cleanOnly.report().get("tenant").asText()).isEqualTo(clean);
        assertThat(cleanOnly.report().get("tenantsChecked").asInt()).isEqualTo(1);
        assertThat(damagedOnly.status()).isEqualTo(1);
        assertThat(damagedOnly.report().get("discrepancies").findValuesAsText("target")).containsExactly("role:reader");
    }

    @Test
    void theRegionsEntryOfThePerRegionEndpointsTheOperatorWritesIsUsedAndWins() throws Exception {
        String prefix = tables.newTables();
        seed(tables.store(prefix), tenant());
        // what the operator puts in a deployment's ConfigMap when the storage endpoints are overridden
        Map<String, String> env = Map.of("FIVENINES_STORAGE_TABLE_PREFIX", prefix, "FIVENINES_STORAGE_REGION", "eu-west-1",
                "FIVENINES_STORAGE_ENDPOINTS", "us-east-1=http://127.0.0.1:1,eu-west-1=" + tables.endpoint(),
                "FIVENINES_STORAGE_ENDPOINT", "http://127.0.0.1:1");

        Outcome outcome = run(env);

        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(outcome.report().get("tenantsChecked").asInt()).isEqualTo(1);
        Outcome malformed = run(Map.of("FIVENINES_STORAGE_REGION", "eu-west-1", "FIVENINES_STORAGE_ENDPOINTS", "eu-west-1"));
        assertThat(malformed.status()).isEqualTo(2);
        assertThat(malformed.err()).contains("FIVENINES_STORAGE_ENDPOINTS entries are <region>=<url>; was 'eu-west-1'");
    }

    @Test
    void anEndpointRefusingConnectionsExitsTwoNamingItAndTheCause() {
        Outcome outcome = run(Map.of("FIVENINES_STORAGE_ENDPOINT", "http://127.0.0.1:1"));

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).contains("consistency check could not run: cannot reach DynamoDB at http://127.0.0.1:1 (region us-east-1)")
                .contains("Connection refused").doesNotContain("fivenines_consistency_discrepancies");
    }

    @Test
    void missingTablesExitTwoNamingThem() {
        Outcome outcome = run(env("nosuchprefix"));

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).contains("nosuchprefix-auth").contains("does not exist in DynamoDB at " + tables.endpoint());
    }

    @Test
    void badArgumentsExitTwoWithTheUsage() {
        Outcome unknown = run(env("any"), "--tenants", "acme");
        Outcome noValue = run(env("any"), "--tenant");
        Outcome badTenant = run(env("any"), "--tenant", "Not_A_Tenant");
        Outcome badEndpoint = run(Map.of("FIVENINES_STORAGE_ENDPOINT", "not a url"));

        assertThat(List.of(unknown, noValue, badTenant, badEndpoint)).extracting(Outcome::status).containsOnly(2);
        assertThat(unknown.err()).contains("unknown argument --tenants").contains("usage: ConsistencyCheckMain [--tenant <tenant>]");
        assertThat(noValue.err()).contains("--tenant needs a tenant id");
        assertThat(badTenant.err()).contains("a tenant id is 1 to 63 lower case letters, digits and dashes, not Not_A_Tenant");
        assertThat(badEndpoint.err()).contains("FIVENINES_STORAGE_ENDPOINT is not a URL");
        assertThat(List.of(unknown, noValue, badTenant, badEndpoint)).extracting(Outcome::out).containsOnly("");
    }
}

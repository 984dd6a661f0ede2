package dev.fivenines.auth.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fivenines.auth.api.LocalDynamoResource;
import dev.fivenines.testing.ProjectRoot;
import dev.fivenines.auth.support.Management;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The chart's alerts on the runtime (files/runtime-rules.yaml) and its Grafana dashboard (files/grafana-dashboard.json)
 * against the running runtime: every expression parses as PromQL (Prometheus's own parser, tools/promql-check), and
 * every runtime series they name is one this runtime exports on /q/metrics.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalDynamoResource.class, restrictToAnnotatedClass = true)
class AlertsAndDashboardTest {

    private static final Path CHART_FILES = Path.of("helm/fivenines-operator/files");
    private static final Pattern EXPR_LINE = Pattern.compile("^\\s*expr:\\s*(.+)$");
    private static final Pattern ALERT_LINE = Pattern.compile("^\\s*- alert:\\s*(\\S+)\\s*$");
    private static final Pattern RUNTIME_SERIES = Pattern.compile("\\b((?:fivenines|http_server_requests)_[a-z0-9_]+)\\b");

    @Test
    void everyExpressionParsesAndNamesSeriesTheRuntimeExports() throws Exception {
        List<String> rules = rulesExpressions();
        List<String> panels = dashboardExpressions();
        assertThat(rules).as("the runtime's alerts").hasSizeGreaterThanOrEqualTo(6);
        assertThat(panels).as("the dashboard's queries").hasSizeGreaterThanOrEqualTo(8);
        List<String> all = new ArrayList<>(rules);
        all.addAll(panels);

        Set<String> exported = exportedSeries();
        for (String expr : all) {
            List<String> named = new ArrayList<>();
            Matcher series = RUNTIME_SERIES.matcher(expr);
            while (series.find()) {
                named.add(series.group(1));
            }
            if (expr.contains("kube_job_status_failed")) {
                continue; // kube-state-metrics' series of the consistency CronJob's Jobs, not the runtime's
            }
            assertThat(named).as("%s names a series of the runtime", expr).isNotEmpty()
                    .allSatisfy(name -> assertThat(exported).as("%s: the runtime exports %s", expr, name).contains(name));
        }
        assertThat(String.join("\n", all)).as("the dashboard and alerts watch the authorization ratio, breakers, hops and discrepancies")
                .contains("fivenines_authorization_outcomes_total", "fivenines_storage_breaker_open", "fivenines_storage_hops_total",
                        "fivenines_consistency_discrepancies");

        parseAll(all);
    }

    /** The rules' expressions, one a line; one for each alert. */
    private static List<String> rulesExpressions() throws IOException {
        List<String> lines = Files.readAllLines(ProjectRoot.find().resolve(CHART_FILES).resolve("runtime-rules.yaml"));
        List<String> exprs = new ArrayList<>();
        int alerts = 0;
        for (String line : lines) {
            Matcher expr = EXPR_LINE.matcher(line);
            if (expr.matches()) {
                exprs.add(expr.group(1).strip());
            }
            if (ALERT_LINE.matcher(line).matches()) {
                alerts++;
            }
        }
        assertThat(exprs).as("one single-line expr per alert").hasSize(alerts);
        return exprs;
    }

    /** The panels' queries, with the dashboard's $namespace variable as Grafana would substitute it. */
    private static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(ProjectRoot.find().resolve(CHART_FILES).resolve("grafana-dashboard.json").toFile());
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.path("expr").asText().replace("$namespace", "auth|payments"));
            }
        }
        return exprs;
    }

    /**
     * The series names of /q/metrics, once a login and a decision have been served (the meters of the outcomes, the
     * limits and the HTTP server appear with the first request that uses them, as on a real pod).
     */
    private static Set<String> exportedSeries() {
        String token = given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "admin").formParam("client_secret", "acme-bootstrap-secret").post("/tenants/acme/oauth2/token")
                .then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(token).contentType("application/json")
                .body(java.util.Map.of("subject", "user:alice", "permission", "documents:read", "resource", "/documents/a"))
                .post("/tenants/acme/authorize").then().statusCode(200);
        String text = Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> names = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
            names.add(line.substring(0, end));
        }
        return names;
    }

    /** Parses every expression with Prometheus's parser, built from tools/promql-check with Go. */
    private static void parseAll(List<String> exprs) throws Exception {
        Path root = ProjectRoot.find();
        Path binary = root.resolve("auth-runtime/target/promql-check");
        Process build;
        try {
            build = new ProcessBuilder("go", "build", "-o", binary.toString(), ".").directory(root.resolve("tools/promql-check").toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("Go is needed to build tools/promql-check (Prometheus's PromQL parser) for this test: install Go 1.24 or newer "
                    + "and put it on PATH (" + e.getMessage() + ")");
            return;
        }
        String built = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(build.waitFor(10, TimeUnit.MINUTES)).as("go build of tools/promql-check finished").isTrue();
        assertThat(build.exitValue()).as("go build of tools/promql-check: %s", built).isZero();

        Process check = new ProcessBuilder(binary.toString()).redirectErrorStream(true).start();
        check.getOutputStream().write((String.join("\n", exprs) + "\n").getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String answer = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(check.exitValue()).as("every expression parses:%n%s", answer).isZero();
        assertThat(answer.lines().filter(l -> l.startsWith("OK ")).count()).as(answer).isEqualTo(exprs.size());
    }
}

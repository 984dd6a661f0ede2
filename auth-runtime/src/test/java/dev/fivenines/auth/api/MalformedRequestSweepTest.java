package dev.fivenines.auth.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.fivenines.auth.support.Management;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.QueryParam;

/**
 * Malformed requests over every endpoint of every JAX-RS resource of the API package (found from the compiled classes,
 * so a new resource is swept too): bad Authorization headers, ids and cursors longer than storage takes, bodies that
 * are not JSON, have the wrong types or lists larger than an item may hold, query parameters that do not convert. None
 * may be answered 5xx, none may reach the catch-all (its counter stays where it was), and every 400 names the field
 * and the reason.
 */
@QuarkusTest
@TestProfile(PlatformProfile.class)
@QuarkusTestResource(value = LocalDynamoResource.class, restrictToAnnotatedClass = true)
class MalformedRequestSweepTest {

    private static final Pattern PARAM = Pattern.compile("\\{([a-z]+)}");
    private static final String LONG = "a".repeat(2_000);
    private static final String LONG_MULTIBYTE = "ü".repeat(700);

    private record Endpoint(String method, String path, boolean json, boolean form, List<String> queryParams) {
    }

    private record Probe(String description, RequestSpecification request, String method, String path) {
    }

    static List<Endpoint> endpoints() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target/classes/dev/fivenines/auth/api");
        assertThat(classes).as("the compiled API classes (run from the module directory)").isDirectory();
        List<Endpoint> endpoints = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$")).sorted().toList()) {
                Class<?> type = Class.forName("dev.fivenines.auth.api." + file.getFileName().toString().replace(".class", ""));
                jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String verb = method.isAnnotationPresent(GET.class) ? "GET" : method.isAnnotationPresent(POST.class) ? "POST"
                            : method.isAnnotationPresent(PUT.class) ? "PUT" : method.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                    if (verb == null) {
                        continue;
                    }
                    jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                    Consumes consumes = method.getAnnotation(Consumes.class);
                    boolean form = consumes != null && consumes.value()[0].contains("form");
                    boolean json = consumes != null && !form;
                    List<String> query = Stream.of(method.getParameters()).map(p -> p.getAnnotation(QueryParam.class)).filter(q -> q != null)
                            .map(QueryParam::value).toList();
                    endpoints.add(new Endpoint(verb, root.value() + (sub == null ? "" : sub.value()), json, form, query));
                }
            }
        }
        return endpoints;
    }

    private static String adminToken() {
        return given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "admin").formParam("client_secret", "acme-bootstrap-secret").post("/tenants/acme/oauth2/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private static String path(String template, Map<String, String> values) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "x")));
        }
        return m.appendTail(out).toString();
    }

    private static List<String> badBodies() {
        String manyPermissions = IntStream.range(0, 5_000).mapToObj(i -> "\"documents:read-" + i + "\"").collect(Collectors.joining(","));
        String manyIds = IntStream.range(0, 5_000).mapToObj(i -> "\"g" + i + "\"").collect(Collectors.joining(","));
        return List.of("{", "[]", "null", "\"text\"", "{\"version\": \"abc\"}", "{\"version\": 1.5e400}",
                "{\"permissions\": \"documents:read\", \"version\": 0}", "{\"permissions\": [1, {}], \"version\": 0}",
                "{\"permissions\": [" + manyPermissions + "], \"version\": 0}", "{\"permissions\": [\"documents:" + LONG + "\"], \"version\": 0}",
                "{\"scopes\": 5}", "{\"scopes\": [" + manyIds + "]}", "{\"groups\": {\"a\": 1}}", "{\"groups\": [" + manyIds + "]}",
                "{\"groups\": [\"" + LONG + "\"]}", "{\"subject\": 7, \"role\": [], \"resource\": {}, \"version\": 0}",
                "{\"subject\": \"user:" + LONG + "\", \"role\": \"" + LONG + "\", \"resource\": \"/" + LONG + "\", \"version\": 0}",
                "{\"id\": [1]}", "{\"id\": \"" + LONG + "\"}", "{\"adminClientId\": {}, \"id\": \"fine\"}",
                "{\"description\": \"" + "d".repeat(600_000) + "\"}",
                "{\"permission\": [], \"resource\": 5, \"subject\": {}}", "{\"permission\": \"a:b\", \"resource\": \"/" + LONG + "\"}");
    }

    private static List<Probe> probes(Endpoint endpoint, String adminToken) {
        boolean platform = endpoint.path().startsWith("/platform");
        String goodAuth = platform ? "Bearer " + PlatformProfile.CREDENTIAL : "Bearer " + adminToken;
        Map<String, String> good = Map.of("tenant", "acme", "id", platform ? "not-provisioned" : "x", "name", "x");
        List<Probe> probes = new ArrayList<>();
        String goodPath = path(endpoint.path(), good);
        for (String auth : List.of("Basic %%%not-base64", "Basic " + Base64.getEncoder().encodeToString(new byte[] { (byte) 0xff, (byte) 0xfe }),
                "Bearer " + "x".repeat(9_000), "Bearer a.b.c", "Bearer", "Digest x")) {
            probes.add(new Probe("Authorization " + auth.substring(0, Math.min(20, auth.length())), given().header("Authorization", auth),
                    endpoint.method(), goodPath));
        }
        for (String param : PARAM.matcher(endpoint.path()).results().map(r -> r.group(1)).toList()) {
            for (String bad : List.of(LONG, LONG_MULTIBYTE, "UPPER_case", "made-up-tenant-" + param, "-")) {
                Map<String, String> values = new LinkedHashMap<>(good);
                values.put(param, bad);
                probes.add(new Probe("path " + param + "=" + bad.substring(0, Math.min(20, bad.length())),
                        given().header("Authorization", goodAuth), endpoint.method(), path(endpoint.path(), values)));
            }
        }
        for (String param : endpoint.queryParams()) {
            for (String bad : List.of("abc", "-1", "99999999999999999999", "", LONG, "!!!",
                    Base64.getUrlEncoder().withoutPadding().encodeToString(LONG.getBytes(StandardCharsets.UTF_8)))) {
                probes.add(new Probe("query " + param + "=" + bad.substring(0, Math.min(20, bad.length())),
                        given().header("Authorization", goodAuth).queryParam(param, bad), endpoint.method(), goodPath));
            }
        }
        if (endpoint.json()) {
            for (String body : badBodies()) {
                probes.add(new Probe("body " + body.substring(0, Math.min(40, body.length())),
                        given().header("Authorization", goodAuth).contentType("application/json").body(body), endpoint.method(), goodPath));
            }
            probes.add(new Probe("text body", given().header("Authorization", goodAuth).contentType("text/plain").body("x"), endpoint.method(),
                    goodPath));
            probes.add(new Probe("no body", given().header("Authorization", goodAuth).contentType("application/json"), endpoint.method(),
                    goodPath));
        }
        if (endpoint.form()) {
            for (Map<String, String> form : List.<Map<String, String>>of(Map.of("grant_type", "client_credentials", "client_id", LONG, "client_secret", "x"),
                    Map.of("grant_type", "client_credentials", "client_id", LONG_MULTIBYTE),
                    Map.of("grant_type", "urn:fivenines:grant-type:api-key", "api_key", LONG + ".x"),
                    Map.of("grant_type", "urn:fivenines:grant-type:api-key", "api_key", "."),
                    Map.of("grant_type", LONG), Map.of("client_id", "admin"), Map.of())) {
                RequestSpecification request = given().contentType("application/x-www-form-urlencoded");
                form.forEach(request::formParam);
                probes.add(new Probe("form " + new TreeMap<>(form).keySet(), request, endpoint.method(), goodPath));
            }
            probes.add(new Probe("form with Basic %%%", given().contentType("application/x-www-form-urlencoded")
                    .header("Authorization", "Basic %%%").formParam("grant_type", "client_credentials"), endpoint.method(), goodPath));
            probes.add(new Probe("json to a form endpoint", given().contentType("application/json").body("{}"), endpoint.method(), goodPath));
        }
        return probes;
    }

    private static boolean namesFieldAndReason(io.restassured.response.Response answer) {
        try {
            return answer.jsonPath().getString("field") != null && answer.jsonPath().getString("reason") != null;
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    private static double unexpectedFailures() {
        return Management.given().get("/q/metrics").asString().lines().filter(l -> l.startsWith("fivenines_http_unexpected_failures_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void noMalformedRequestIsAnsweredWithA5xxOrReachesTheCatchAll() throws Exception {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).extracting(Endpoint::path).contains("/tenants/{tenant}/oauth2/token", "/tenants/{tenant}/authorize",
                "/tenants/{tenant}/jwks", "/tenants/{tenant}/admin/roles/{name}", "/platform/tenants", "/platform/tenants/{id}");
        Management.given().get("/q/metrics").then().statusCode(200);
        double before = unexpectedFailures();
        String admin = adminToken();
        List<String> failures = new ArrayList<>();
        List<String> unnamed = new ArrayList<>();
        int sent = 0;
        for (Endpoint endpoint : endpoints) {
            for (Probe probe : probes(endpoint, admin)) {
                io.restassured.response.Response answer = probe.request().request(probe.method(), probe.path());
                int status = answer.statusCode();
                sent++;
                String where = status + " " + probe.method() + " " + endpoint.path() + ": " + probe.description();
                if (status == 400 && !namesFieldAndReason(answer)) {
                    unnamed.add(where + " -> " + answer.asString().substring(0, Math.min(120, answer.asString().length())));
                }
                if (status >= 500) {
                    failures.add(where);
                }
            }
        }
        assertThat(failures).as("answers of 5xx among %d malformed requests", sent).isEmpty();
        assertThat(unnamed).as("400 answers that do not name the field and the reason").isEmpty();
        assertThat(unexpectedFailures()).as("requests that reached the catch-all").isEqualTo(before);
        assertThat(sent).isGreaterThan(300);
    }
}

package dev.fivenines.operator.rollout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Prometheus HTTP API on 127.0.0.1 for one test: {@code GET /api/v1/query} with {@code query} and {@code time}
 * parameters, answered by the test's function of the query; every call is recorded. Any other path or method is
 * answered as Prometheus would (404, 405). Stop it with {@link #close()}.
 */
final class PrometheusStandIn implements AutoCloseable {

    record Call(String path, String query, String time) {
    }

    record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Function<String, Answer> answers = query -> new Answer(200, PrometheusResponseTest.vector());

    PrometheusStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(Function<String, Answer> answers) {
        this.answers = answers;
    }

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
            calls.add(new Call(exchange.getRequestURI().getPath(), params.get("query"), params.get("time")));
            Answer answer;
            if (!exchange.getRequestURI().getPath().endsWith("/api/v1/query")) {
                answer = new Answer(404, "404 page not found");
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                answer = new Answer(405, "Method Not Allowed");
            } else if (params.get("query") == null) {
                answer = new Answer(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": unknown position\"}");
            } else {
                answer = answers.apply(params.get("query"));
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.fivenines.e2e.waves;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * What the runtime pods of one region count, served where the operator reads them ({@code /q/metrics} on the management
 * port), in the runtime's own exposition: {@code fivenines_authorization_outcomes_total{kind,outcome}} counters growing
 * by 40 decisions a second; while {@link #failing(boolean)} half of them fail. Every stand-in pod of the region has
 * 127.0.0.1 as its address, so they all answer with these counters.
 */
final class OutcomeServer implements AutoCloseable {

    private final HttpServer server;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong successes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicBoolean failing = new AtomicBoolean();

    OutcomeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/q/metrics", exchange -> {
            byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        ticker.scheduleAtFixedRate(() -> {
            if (failing.get()) {
                successes.addAndGet(2);
                failures.addAndGet(2);
            } else {
                successes.addAndGet(4);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    int port() {
        return server.getAddress().getPort();
    }

    void failing(boolean on) {
        failing.set(on);
    }

    private String exposition() {
        return "# TYPE fivenines_authorization_outcomes_total counter\n"
                + "fivenines_authorization_outcomes_total{kind=\"decision\",outcome=\"success\",} " + successes.get() + ".0\n"
                + "fivenines_authorization_outcomes_total{kind=\"decision\",outcome=\"failed\",} " + failures.get() + ".0\n";
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        server.stop(0);
    }
}

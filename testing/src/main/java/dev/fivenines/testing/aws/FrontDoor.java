package dev.fivenines.testing.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP endpoint on 127.0.0.1 that clients talk to instead of the emulator behind it: it applies injected faults,
 * then hands the request to a handler (plain forwarding, or the DynamoDB global-table emulation). It can stop
 * listening and start again on the same port.
 */
final class FrontDoor implements AutoCloseable {

    /** Answers one request that got past the injected faults. */
    interface Handler {
        ProxyResponse handle(ProxyRequest request) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final String name;
    private final Dialect dialect;
    private final Handler handler;
    private final ExecutorService executor;
    private final RegionFaults faults;
    private final int port;
    private HttpServer server;

    static {
        // The JDK's server writes a response's head and body separately; with Nagle's algorithm on, the client's
        // delayed acknowledgement then holds every answer for about 40 ms. Real endpoints do not behave like that.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private FrontDoor(String name, Dialect dialect, Handler handler) throws IOException {
        this.name = name;
        this.dialect = dialect;
        this.handler = handler;
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "front-door-" + name);
            thread.setDaemon(true);
            return thread;
        });
        this.faults = new RegionFaults(name, this);
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    static FrontDoor open(String name, Dialect dialect, Handler handler) {
        try {
            return new FrontDoor(name, dialect, handler);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the front door of " + name + " on 127.0.0.1", e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    RegionFaults faults() {
        return faults;
    }

    synchronized boolean isListening() {
        return server != null;
    }

    synchronized void stopListening() {
        if (server != null) {
            server.stop(0);
            server = null;
            LOG.info("{} stopped listening on {}", name, uri());
        }
    }

    synchronized void startListening() {
        if (server != null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                server = bind(port);
                LOG.info("{} listening again on {}", name, uri());
                return;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException("Could not listen on " + uri() + " again", e);
                }
                sleepBriefly();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not listen on " + uri() + " again", e);
            }
        }
    }

    @Override
    public void close() {
        stopListening();
        executor.shutdownNow();
    }

    private HttpServer bind(int wantedPort) throws IOException {
        HttpServer created = HttpServer.create(new InetSocketAddress(LOOPBACK, wantedPort), 64);
        created.setExecutor(executor);
        created.createContext("/", this::exchange);
        created.start();
        return created;
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            ProxyRequest request = new ProxyRequest(exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders(), body);
            ProxyResponse response = faults.intercept(dialect, request);
            if (response == null) {
                try {
                    response = handler.handle(request);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("{} could not answer {} {}: {}", name, request.method(), request.uri(), e.toString());
                    response = dialect.serverError();
                }
            }
            response.headers().forEach((header, values) -> exchange.getResponseHeaders().put(header, List.copyOf(values)));
            byte[] out = response.body();
            boolean empty = out.length == 0 || "HEAD".equals(request.method());
            exchange.sendResponseHeaders(response.status(), empty ? -1 : out.length);
            if (!empty) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name + " at " + uri();
    }
}

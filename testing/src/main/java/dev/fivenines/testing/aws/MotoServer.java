package dev.fivenines.testing.aws;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * moto's server ({@code moto_server}), started as a child process on 127.0.0.1 and a free port; the fixture uses its
 * Route 53. Its log goes to a temporary file that a failed start quotes.
 */
final class MotoServer implements AutoCloseable {

    static final String EXECUTABLE = "moto_server";
    static final String HOW_TO_INSTALL = "Route 53 is emulated by moto's server: install it with "
            + "e2e/bin/install-moto (or pip install 'moto[server]') (Python 3.9 or newer) and make sure '" + EXECUTABLE + "' is on the PATH.";

    private static final Logger LOG = LoggerFactory.getLogger(MotoServer.class);
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static MotoServer start() {
        return start(System.getenv("PATH"));
    }

    /** Starts the moto_server found on this search path (a PATH-style list of directories). */
    static MotoServer start(String searchPath) {
        Path executable = locate(searchPath).orElseThrow(() -> new IllegalStateException(
                "'" + EXECUTABLE + "' was not found on the PATH (" + searchPath + "). " + HOW_TO_INSTALL));
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return start(executable, freePort());
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    /** The moto_server executable on this search path (a PATH-style list of directories). */
    static Optional<Path> locate(String searchPath) {
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (directory.isBlank()) {
                continue;
            }
            Path candidate = Path.of(directory, EXECUTABLE);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static MotoServer start(Path executable, int port) {
        Path log;
        Process process;
        try {
            log = Files.createTempFile("moto-server-", ".log");
            process = new ProcessBuilder(List.of(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port)))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + executable + ": " + e.getMessage() + ". " + HOW_TO_INSTALL, e);
        }
        MotoServer server = new MotoServer(process, port, log);
        server.awaitReady();
        LOG.info("moto_server (Route 53) up at {}, log {}", server.uri(), log);
        return server;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(uri().resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with code " + process.exitValue()
                        + " before answering. Its log:\n" + logTail() + "\n" + HOW_TO_INSTALL);
            }
            try {
                HttpResponse<Void> response = client.send(ping, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("Interrupted while waiting for moto_server", e);
            }
            pause();
        }
        close();
        throw new IllegalStateException("moto_server did not answer within " + STARTUP.toSeconds() + " s. Its log:\n"
                + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port on 127.0.0.1", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

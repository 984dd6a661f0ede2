package dev.fivenines.e2e.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code netns-forward} (e2e/node): TCP between this machine's loopback and the local node's
 * network namespace, which has no other way in or out. Closing it stops the process.
 */
public final class Forward implements AutoCloseable {

    private final Process process;
    private final List<String> listening;

    private Forward(Process process, List<String> listening) {
        this.process = process;
        this.listening = listening;
    }

    /**
     * Starts the forwarder with {@code -in HOST=NS} or {@code -out NS=HOST} arguments and waits until every listener
     * is open.
     */
    public static Forward start(String binary, String netns, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(binary, "-netns", netns));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> listening = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            while (listening.size() < arguments.size() / 2) {
                String line = out.readLine();
                if (line == null) {
                    throw new IllegalStateException("netns-forward " + arguments + " stopped: " + String.join("\n", seen));
                }
                seen.add(line);
                if (line.startsWith("listening ")) {
                    listening.add(line.split(" ")[2]);
                }
            }
            Thread drain = new Thread(() -> out.lines().forEach(line -> { }), "netns-forward-output");
            drain.setDaemon(true);
            drain.start();
            return new Forward(process, listening);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + binary + ": " + e.getMessage(), e);
        }
    }

    /** The address the i-th listener opened, e.g. 127.0.0.1:40123. */
    public String address(int index) {
        return listening.get(index);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

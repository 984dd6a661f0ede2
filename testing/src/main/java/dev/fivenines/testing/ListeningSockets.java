package dev.fivenines.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets some processes listen on, read from {@code /proc} (Linux): for tests that check every
 * server stays on loopback. Addresses are as {@code /proc/net/tcp} writes them, {@code 0100007F:1F90}
 * for 127.0.0.1:8080; 127.0.0.1 bound on a dual-stack socket is given in that IPv4 form too.
 */
public final class ListeningSockets {

    public static final String LOOPBACK_V4 = "0100007F";
    private static final String LISTEN = "0A";
    private static final String LOOPBACK_V4_MAPPED = "0000000000000000FFFF0000" + LOOPBACK_V4;

    private ListeningSockets() {
    }

    public static List<String> of(Collection<Long> pids) throws IOException {
        Set<String> inodes = new HashSet<>();
        for (long pid : pids) {
            inodes.addAll(socketInodes(pid));
        }
        List<String> listeners = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
                    listeners.add(fields[1].replace(LOOPBACK_V4_MAPPED + ":", LOOPBACK_V4 + ":"));
                }
            }
        }
        return listeners;
    }

    /** 127.0.0.1 and a port, as {@link #of} gives it. */
    public static String loopback(int port) {
        return LOOPBACK_V4 + ":" + String.format("%04X", port);
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // the descriptor closed while we looked
                }
            }
        } catch (IOException gone) {
            // the process ended while we looked
        }
        return inodes;
    }
}

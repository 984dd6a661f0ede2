package dev.fivenines.e2e.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kind cluster made by e2e/kind/run, which loads both images into it and passes, in the environment,
 * the kubeconfig (KUBECONFIG), the images (FIVENINES_E2E_OPERATOR_IMAGE, FIVENINES_E2E_RUNTIME_IMAGE)
 * and the address of this machine on Kind's Docker network (FIVENINES_E2E_HOST_ADDRESS), where pods
 * reach the test's services. Services are reached with {@code kubectl port-forward}.
 */
final class KindCluster implements E2eCluster {

    private final Path kubeconfig;
    private final Images images;
    private final String hostAddress;

    private KindCluster(Path kubeconfig, Images images, String hostAddress) {
        this.kubeconfig = kubeconfig;
        this.images = images;
        this.hostAddress = hostAddress;
    }

    static KindCluster fromEnvironment() {
        return new KindCluster(Path.of(required("KUBECONFIG")),
                new Images(required("FIVENINES_E2E_OPERATOR_IMAGE"), required("FIVENINES_E2E_RUNTIME_IMAGE")),
                required("FIVENINES_E2E_HOST_ADDRESS"));
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("FIVENINES_E2E_CLUSTER=kind needs " + name + ": run the suite through e2e/kind/run");
        }
        return value;
    }

    @Override
    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public Images images() {
        return images;
    }

    @Override
    public DrillVersions drillVersions() {
        return new DrillVersions(required("FIVENINES_E2E_RUNTIME_NEXT_VERSION"), required("FIVENINES_E2E_RUNTIME_DRILL_VERSION"));
    }

    @Override
    public Door exposeToPods(int hostPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(hostAddress), 0));
            Thread accept = new Thread(() -> relay(server, hostPort), "kind-relay-" + hostPort);
            accept.setDaemon(true);
            accept.start();
            return new Door() {
                @Override
                public String address() {
                    return hostAddress + ":" + server.getLocalPort();
                }

                @Override
                public void close() {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // closing a listener that failed is harmless
                    }
                }
            };
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on " + hostAddress + ": " + e.getMessage(), e);
        }
    }

    private static void relay(ServerSocket server, int hostPort) {
        while (!server.isClosed()) {
            try {
                Socket in = server.accept();
                Socket out = new Socket(InetAddress.getLoopbackAddress(), hostPort);
                copy(in.getInputStream(), out.getOutputStream(), out);
                copy(out.getInputStream(), in.getOutputStream(), in);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void copy(InputStream from, OutputStream to, Socket closeAfter) {
        Thread thread = new Thread(() -> {
            try (closeAfter) {
                from.transferTo(to);
            } catch (IOException ignored) {
                // the other side went away
            }
        }, "kind-relay-copy");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public Door openService(String namespace, String service, int port) {
        return portForward(namespace, "svc/" + service, port);
    }

    @Override
    public Door openPod(String namespace, String pod, int port) {
        return portForward(namespace, "pod/" + pod, port);
    }

    private Door portForward(String namespace, String target, int port) {
        try {
            Process process = new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig.toString(), "-n", namespace,
                    "port-forward", target, ":" + port).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Matcher matcher = null;
            String line;
            while ((line = out.readLine()) != null) {
                matcher = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+)").matcher(line);
                if (matcher.find()) {
                    break;
                }
            }
            if (line == null) {
                throw new IllegalStateException("kubectl port-forward " + target + " stopped before it forwarded");
            }
            String address = "127.0.0.1:" + matcher.group(1);
            return new Door() {
                @Override
                public String address() {
                    return address;
                }

                @Override
                public void close() {
                    process.destroy();
                }
            };
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run kubectl port-forward: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // e2e/kind/run owns the Kind cluster and deletes it
    }
}

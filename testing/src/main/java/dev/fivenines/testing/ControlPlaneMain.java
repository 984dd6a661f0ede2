package dev.fivenines.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a local control plane running for {@code e2e/bin/control-plane up}: writes the kubeconfig into
 * the state folder once the API server is ready, and stops everything on SIGTERM or Ctrl-C.
 */
public final class ControlPlaneMain {

    private ControlPlaneMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: ControlPlaneMain <state-dir>");
            System.exit(2);
        }
        Path state = Path.of(args[0]);
        Files.createDirectories(state);
        LocalControlPlane plane = LocalControlPlane.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            plane.close();
            stopped.countDown();
        }, "control-plane-stop"));
        Path tmp = state.resolve("kubeconfig.tmp");
        Files.writeString(tmp, plane.kubeconfigYaml(), StandardCharsets.UTF_8);
        Files.move(tmp, state.resolve("kubeconfig"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("kube-apiserver " + plane.version().getGitVersion() + " ready at " + plane.url());
        stopped.await();
    }
}

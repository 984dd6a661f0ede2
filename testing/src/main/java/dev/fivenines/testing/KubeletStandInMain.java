package dev.fivenines.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * Runs the {@link KubeletStandIn} against a kubeconfig until stopped, for {@code e2e/bin/run}: the local
 * control plane has no kubelet, so without it no auth Deployment would ever report available.
 */
public final class KubeletStandInMain {

    private KubeletStandInMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: KubeletStandInMain <kubeconfig> <label-selector>");
            System.exit(2);
        }
        Config config = Config.fromKubeconfig(Files.readString(Path.of(args[0])));
        CountDownLatch stopped = new CountDownLatch(1);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
                KubeletStandIn standIn = new KubeletStandIn(client, args[1]).start()) {
            System.out.println("kubelet stand-in: marking Deployments with " + args[1] + " available (nothing actually runs)");
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
    }
}

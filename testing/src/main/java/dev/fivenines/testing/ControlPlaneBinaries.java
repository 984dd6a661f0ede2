package dev.fivenines.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure kube-apiserver, etcd and kubectl are present in the layout kube-api-test reads:
 * {@code <root>/k8s/<version>-linux-amd64/}. Binaries are built from the upstream Go modules by
 * {@code e2e/bin/build-control-plane} and cached; where Go is absent, kube-api-test may download them.
 */
public final class ControlPlaneBinaries {

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneBinaries.class);
    static final String DEFAULT_VERSION = "1.34.4";

    private final Path root;
    private final String version;

    public ControlPlaneBinaries(Path root, String version) {
        this.root = root;
        this.version = version;
    }

    /** The cache of {@code FIVENINES_K8S_DIR}, else kube-api-test's default {@code ~/.kubeapitest}. */
    public static ControlPlaneBinaries fromEnvironment() {
        String dir = System.getenv("FIVENINES_K8S_DIR");
        Path root = dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".kubeapitest");
        String version = System.getProperty("test.k8s.version",
                System.getenv().getOrDefault("FIVENINES_K8S_VERSION", DEFAULT_VERSION));
        return new ControlPlaneBinaries(root, version);
    }

    public Path root() {
        return root;
    }

    public String version() {
        return version;
    }

    public Path binDir() {
        return root.resolve("k8s").resolve(version + "-linux-amd64");
    }

    public boolean present() {
        return List.of("kube-apiserver", "etcd", "kubectl").stream()
                .allMatch(name -> Files.isExecutable(binDir().resolve(name)));
    }

    /**
     * Builds the binaries when they are missing and Go is installed.
     *
     * @return true when the binaries are present afterwards
     */
    public boolean buildIfMissing() {
        if (present()) {
            return true;
        }
        Path script = ProjectRoot.find().resolve("e2e/bin/build-control-plane");
        LOG.info("No cached control-plane binaries in {}: building them with {} (first time: several minutes)", binDir(), script);
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).inheritIO();
            builder.environment().put("FIVENINES_K8S_DIR", root.toString());
            builder.environment().put("FIVENINES_K8S_VERSION", version);
            Process process = builder.start();
            if (!process.waitFor(45, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("Building the control-plane binaries took over 45 minutes; see " + script);
            }
            int exit = process.exitValue();
            if (exit == 3) {
                LOG.warn("Go is not installed, so the control-plane binaries cannot be built here; kube-api-test will try to download them");
                return false;
            }
            if (exit != 0) {
                throw new IllegalStateException(script + " failed with exit code " + exit + "; run it by hand to see why");
            }
            return present();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while building the control-plane binaries", e);
        }
    }

    /**
     * kube-api-test starts its processes with flags that cannot be changed through its API: etcd with
     * {@code --listen-client-urls http://0.0.0.0:<port>}, which would expose it on every interface, and
     * kube-apiserver with a Service range of 10.0.0.0/24, which holds only 254 Services. Each binary it
     * starts is made a small script that rewrites those arguments and runs the real binary, kept beside
     * it with the suffix {@code -server}.
     */
    public void installWrappers() {
        wrap("etcd", "s#//0\\.0\\.0\\.0:#//127.0.0.1:#g", "keeps etcd on loopback (kube-api-test asks for 0.0.0.0)");
        wrap("kube-apiserver", "s#^10\\.0\\.0\\.0/24$#10.0.0.0/16#", "widens the Service range (kube-api-test asks for a /24)");
    }

    private void wrap(String binary, String sedExpression, String why) {
        Path wrapper = binDir().resolve(binary);
        Path real = binDir().resolve(binary + "-server");
        try {
            if (!Files.exists(real)) {
                if (!Files.exists(wrapper)) {
                    return;
                }
                Files.move(wrapper, real);
            }
            String script = "#!/bin/sh\n"
                    + "# Written by Fivenines: " + why + ".\n"
                    + "for arg in \"$@\"; do\n"
                    + "  shift\n"
                    + "  set -- \"$@\" \"$(printf '%s' \"$arg\" | sed '" + sedExpression + "')\"\n"
                    + "done\n"
                    + "exec \"$(dirname \"$0\")/" + binary + "-server\" \"$@\"\n";
            if (!Files.exists(wrapper) || !Files.readString(wrapper, StandardCharsets.UTF_8).equals(script)) {
                Files.writeString(wrapper, script, StandardCharsets.UTF_8);
            }
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot wrap " + binary + " in " + binDir() + ": " + e.getMessage(), e);
        }
    }

    public String howToGetThem() {
        return "The control plane needs kube-apiserver, etcd and kubectl in " + binDir() + ". "
                + "Install Go and run e2e/bin/build-control-plane (it builds them from the upstream modules), "
                + "or copy binaries of Kubernetes " + version + " there (set FIVENINES_K8S_DIR to use another folder). "
                + "See docs/development.md.";
    }
}

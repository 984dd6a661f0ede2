package dev.fivenines.auth.tenants;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import dev.fivenines.auth.config.RuntimeSettings;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The bearer secret of the platform API ({@code /platform/tenants}): from the configuration
 * ({@code fivenines.platform.credential}) or a file (a Kubernetes Secret mounted read-only,
 * {@code fivenines.platform.credential-file}), re-read every 30 s in the background so a rotated Secret takes effect
 * without a restart and no request reads a file. Without either, the platform API refuses every call.
 */
@ApplicationScoped
public class PlatformCredential {

    private static final Logger LOG = Logger.getLogger(PlatformCredential.class);

    private final Optional<String> configured;
    private final Optional<Path> file;
    private final AtomicReference<Optional<byte[]>> fromFile = new AtomicReference<>(Optional.empty());

    @Inject
    PlatformCredential(RuntimeSettings settings) {
        this(settings.platform().credential(), settings.platform().credentialFile().map(Path::of));
    }

    PlatformCredential(Optional<String> configured, Optional<Path> file) {
        this.configured = configured.map(String::trim).filter(s -> !s.isEmpty());
        this.file = file;
        refresh();
    }

    /** A credential outside the container (tests, tools): the configured value, else the file, read now and on {@link #refresh()}. */
    public static PlatformCredential of(Optional<String> configured, Optional<Path> file) {
        return new PlatformCredential(configured, file);
    }

    public boolean configured() {
        return configured.isPresent() || fromFile.get().isPresent();
    }

    /** Whether {@code presented} is the credential, compared in constant time (as digests, so the length does not show either). */
    public boolean matches(String presented) {
        Optional<byte[]> expected = configured.map(PlatformCredential::digest).or(fromFile::get);
        return presented != null && expected.isPresent() && MessageDigest.isEqual(expected.get(), digest(presented));
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        file.ifPresent(path -> {
            try {
                String secret = Files.readString(path, StandardCharsets.UTF_8).trim();
                if (secret.isEmpty()) {
                    LOG.warnf("platform credential file %s is empty: the platform API refuses every call", path);
                }
                fromFile.set(secret.isEmpty() ? Optional.empty() : Optional.of(digest(secret)));
            } catch (IOException e) {
                LOG.warnf("platform credential file %s could not be read (%s): keeping what was read before", path, e.toString());
            }
        });
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

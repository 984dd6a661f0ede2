package dev.fivenines.auth.tokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import dev.fivenines.auth.config.RuntimeSettings;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The tenants' bootstrap admin secrets: from the configuration ({@code fivenines.admin.bootstrap-secrets.<tenant>})
 * and from a folder where each file is named after a tenant and holds its secret (a Kubernetes Secret mounted
 * read-only, {@code fivenines.admin.bootstrap-secrets-dir}). The folder is read at start-up and again every 30 s
 * in the background, so a rotated Secret takes effect without a restart and no request reads a file.
 */
@ApplicationScoped
public class BootstrapSecrets {

    /** The client id of every tenant's bootstrap admin; no stored client may take it. */
    public static final String ADMIN_CLIENT = "admin";

    private static final Logger LOG = Logger.getLogger(BootstrapSecrets.class);

    private final Map<String, String> configured;
    private final Optional<Path> dir;
    private final Predicate<String> validTenant;
    private final AtomicReference<Map<String, String>> fromDir = new AtomicReference<>(Map.of());

    @Inject
    BootstrapSecrets(RuntimeSettings settings) {
        this(settings.admin().bootstrapSecrets(), settings.admin().bootstrapSecretsDir().map(Path::of),
                tenant -> tenant.matches("^[a-z0-9][a-z0-9-]{0,62}$"));
    }

    BootstrapSecrets(Map<String, String> configured, Optional<Path> dir, Predicate<String> validTenant) {
        this.configured = Map.copyOf(configured);
        this.dir = dir;
        this.validTenant = validTenant;
        refresh();
    }

    /** The tenant's bootstrap admin secret, if it has one. */
    public Optional<String> of(String tenant) {
        String secret = configured.get(tenant);
        return Optional.ofNullable(secret != null ? secret : fromDir.get().get(tenant));
    }

    /** Every tenant with a bootstrap admin secret, from the configuration and the folder as last read. */
    public Set<String> tenants() {
        Set<String> tenants = new TreeSet<>(configured.keySet());
        tenants.addAll(fromDir.get().keySet());
        return tenants;
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        dir.ifPresent(folder -> {
            try {
                fromDir.set(read(folder, validTenant));
            } catch (IOException e) {
                LOG.warnf("bootstrap secrets folder %s could not be read (%s): keeping what was read before", folder, e.getMessage());
            }
        });
    }

    /** Every file of the folder whose name is a tenant id, as tenant to trimmed content; dot files (the Secret volume's own) are passed over. */
    static Map<String, String> read(Path folder, Predicate<String> validTenant) throws IOException {
        Map<String, String> secrets = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            LOG.warnf("bootstrap secrets folder %s does not exist: no tenant has a bootstrap admin from it", folder);
            return secrets;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String tenant = file.getFileName().toString();
                if (tenant.startsWith(".") || !Files.isRegularFile(file)) {
                    continue;
                }
                if (!validTenant.test(tenant)) {
                    LOG.warnf("bootstrap secrets folder %s: %s is not a tenant id (lower-case letters, digits, dashes); ignored", folder, tenant);
                    continue;
                }
                String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (secret.isEmpty()) {
                    LOG.warnf("bootstrap secrets folder %s: the secret of tenant %s is empty; ignored", folder, tenant);
                    continue;
                }
                secrets.put(tenant, secret);
            }
        }
        return secrets;
    }
}

package dev.fivenines.auth.tenants;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import dev.fivenines.auth.tokens.BootstrapSecrets;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The break-glass path: every tenant named in the bootstrap secrets is provisioned if it has no record yet, at start-up
 * and then every 5 s for tenants not seen yet (a file added to the secrets folder, which is re-read every 30 s, or a
 * start-up attempt that failed): a tenant whose record this replica has seen costs nothing more. A request for a
 * bootstrap tenant that comes before this could write the record provisions it itself ({@link TenantRecordReader}).
 * A retired tenant stays retired: its record exists. A failure (storage down) is logged and tried again 5 s later.
 * A Dedicated deployment provisions its customer's tenant only ({@link ServedTenants}).
 */
@ApplicationScoped
public class BootstrapProvisioning {

    private static final Logger LOG = Logger.getLogger(BootstrapProvisioning.class);

    private final BootstrapSecrets secrets;
    private final TenantRecordReader reader;
    private final TenantDirectory directory;
    private final ServedTenants served;
    /** The bootstrap tenants whose record this replica has seen or written: at most one per bootstrap secret. */
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    BootstrapProvisioning(BootstrapSecrets secrets, TenantRecordReader reader, TenantDirectory directory, ServedTenants served) {
        this.secrets = secrets;
        this.reader = reader;
        this.directory = directory;
        this.served = served;
    }

    void onStart(@Observes StartupEvent start) {
        provisionMissing();
    }

    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void provisionMissing() {
        ensured.retainAll(secrets.tenants());
        for (String tenant : secrets.tenants()) {
            if (ensured.contains(tenant) || !served.serves(tenant)) {
                continue;
            }
            try {
                reader.apply(tenant).ifPresent(record -> {
                    if (record.active()) {
                        directory.provisioned(tenant);
                    } else {
                        LOG.infof("tenant=%s: named in the bootstrap secrets but retired; it stays retired", tenant);
                    }
                });
                ensured.add(tenant);
            } catch (RuntimeException e) {
                LOG.warnf("tenant=%s: the bootstrap tenant could not be provisioned (%s); trying again in 5 s", tenant, e.toString());
            }
        }
    }
}

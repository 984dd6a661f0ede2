package dev.fivenines.auth.tenants;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import dev.fivenines.auth.storage.ConflictingWrite;
import dev.fivenines.auth.storage.TenantRecord;
import dev.fivenines.auth.storage.TenantRecords;

/**
 * Reads a tenant's record for the {@link TenantDirectory}; a tenant named in the bootstrap secrets that has no record
 * yet is provisioned by the read. So the first request for a bootstrap tenant is served even when it comes before
 * the scheduled provisioning could write the record (storage was not ready at start-up, say), instead of being
 * refused and remembered as unknown. A record that exists, active or retired, is returned as it is: a retired
 * bootstrap tenant stays retired. Only a bootstrap tenant without a record costs a write, once.
 */
public final class TenantRecordReader implements Function<String, Optional<TenantRecord>> {

    static final String ACTOR = "bootstrap";
    private static final Logger LOG = Logger.getLogger(TenantRecordReader.class);

    private final TenantRecords records;
    private final Predicate<String> bootstrapTenant;

    /** @param bootstrapTenant whether the tenant has a bootstrap admin secret */
    public TenantRecordReader(TenantRecords records, Predicate<String> bootstrapTenant) {
        this.records = records;
        this.bootstrapTenant = bootstrapTenant;
    }

    /** Throws when storage cannot answer. */
    @Override
    public Optional<TenantRecord> apply(String tenant) {
        Optional<TenantRecord> record = records.get(tenant);
        if (record.isPresent() || !bootstrapTenant.test(tenant)) {
            return record;
        }
        try {
            TenantRecord created = records.create(tenant, Optional.empty(), ACTOR);
            LOG.infof("tenant=%s: provisioned from the bootstrap secrets", tenant);
            return Optional.of(created);
        } catch (ConflictingWrite raced) {
            LOG.debugf("tenant=%s: another replica provisioned it first", tenant);
            return records.get(tenant);
        }
    }
}

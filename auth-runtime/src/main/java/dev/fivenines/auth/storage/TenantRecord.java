package dev.fivenines.auth.storage;

import java.time.Instant;
import java.util.Optional;

/**
 * A provisioned tenant: only a tenant with an active record is served. A retired tenant keeps its record, so its id
 * cannot be provisioned again and revive what its partition still holds.
 */
public record TenantRecord(String id, Status status, Instant createdAt, Optional<Instant> retiredAt, long version) {

    public enum Status {
        ACTIVE, RETIRED;

        public String word() {
            return name().toLowerCase();
        }
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }
}

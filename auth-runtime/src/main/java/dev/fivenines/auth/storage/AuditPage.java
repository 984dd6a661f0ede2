package dev.fivenines.auth.storage;

import java.util.List;
import java.util.Optional;

/** A page of a tenant's audit trail, oldest first, and the opaque cursor of the next page. */
public record AuditPage(List<AuditEntry> entries, Optional<String> next) {
}

package dev.fivenines.auth.storage;

import java.util.List;
import java.util.Optional;

/** A page of tenant records in id order, and the opaque cursor of the next page. */
public record TenantPage(List<TenantRecord> entries, Optional<String> next) {
}

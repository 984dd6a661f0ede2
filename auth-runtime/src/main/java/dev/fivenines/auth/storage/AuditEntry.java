package dev.fivenines.auth.storage;

import java.time.Instant;

/** One change to access records or roles: who did what to which item, the item before and after (JSON), when. */
public record AuditEntry(String id, String tenant, String actor, String action, String target, String before, String after, Instant at) {
}

package dev.fivenines.auth.consistency;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One disagreement between the auth table and the audit trail.
 *
 * @param tenant     the tenant whose partition it is in
 * @param kind       what disagrees
 * @param target     the item as the audit trail names it ({@code role:editor}, {@code record:r1}, {@code client:ci})
 * @param stored     the item's state as stored (absent when the table has none)
 * @param audited    the state the latest audit entry leaves it in (absent when that entry is a deletion or there is none)
 * @param auditEntry the id (sort key) of that latest audit entry
 * @param detail     what a person should know to investigate
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "tenant", "kind", "target", "stored", "audited", "auditEntry", "detail" })
public record Discrepancy(String tenant, DiscrepancyKind kind, String target, JsonNode stored, JsonNode audited, String auditEntry,
        String detail) {
}

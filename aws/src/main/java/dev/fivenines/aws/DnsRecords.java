package dev.fivenines.aws;

import java.util.List;

/**
 * The failover records of AuthDeployments in a Route 53 hosted zone, in domain terms.
 *
 * <p>Ownership: for each record it owns, identified by name and set identifier, Fivenines keeps a TXT record at
 * {@code <set identifier label>._fivenines-owner.<name>} naming the owner and the exact set identifier. It is created
 * in the same atomic change batch as the record and deleted with it. A record without that TXT record, or with another
 * owner's, is never changed or deleted: the call throws {@link NotOwned}. Every method throws a {@link CloudException}
 * when AWS fails or refuses.
 */
public interface DnsRecords {

    /** Every record set at exactly this name (all types and set identifiers), each with its owner if recorded. */
    List<DnsRecord> list(String hostedZoneId, String name);

    /**
     * Makes the owner's record at (name, set identifier) exactly {@code record}; the first call also records the
     * ownership. Returns false when it already was (nothing sent to Route 53). Throws {@link NotOwned} when the slot
     * is someone else's or another record already has the same failover role at that name and type.
     */
    default boolean upsert(String hostedZoneId, String owner, FailoverRecord record) {
        return upsert(hostedZoneId, owner, record, false);
    }

    /**
     * As {@link #upsert(String, String, FailoverRecord)}; with {@code adoptUnowned} (an explicit request to take over
     * records made outside Fivenines, e.g. by Terraform), records at the name that no one known to Fivenines owns are
     * taken over instead of refused: one in the owner's slot is overwritten, and one of the same type and failover role
     * under another set identifier is deleted, in the same atomic change batch that writes the owner's record and its
     * ownership record, so the name is answered throughout. Another owner's records are still refused.
     */
    boolean upsert(String hostedZoneId, String owner, FailoverRecord record, boolean adoptUnowned);

    /**
     * Deletes exactly the owner's record(s) at (name, set identifier) and the ownership record; false when there was
     * nothing. Throws {@link NotOwned} when they are someone else's.
     */
    boolean delete(String hostedZoneId, String owner, String name, String setIdentifier);
}

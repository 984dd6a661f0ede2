package dev.fivenines.aws;

import java.util.Optional;

/**
 * DynamoDB global tables (version 2019.11.21) in domain terms. Every method throws a {@link CloudException} when AWS
 * fails or refuses; ownership is the {@link Ownership#OWNER_TAG} tag on the table in the region called.
 *
 * <p>DynamoDB takes one replica change at a time per table: while the table or any replica is not ACTIVE, adding or
 * removing a replica throws {@link ResourceBusy} (checked before calling, and DynamoDB's own refusal maps to it too).
 */
public interface GlobalTables {

    /** The table in this region, or empty when there is none. */
    Optional<TableState> describe(String region, String table);

    /**
     * Creates the table in its home region (CREATING, later ACTIVE). Creating a table that exists and is owned by the
     * same owner does nothing; one owned by someone else (or no one) throws {@link NotOwned}.
     */
    void create(String region, TableSpec spec);

    /**
     * Adds a replica in {@code replicaRegion} to the owner's table, calling {@code region} (where the table is).
     * Throws {@link NotOwned} if the table is not the owner's, or a table of that name that is not a replica exists
     * in {@code replicaRegion}; {@link ResourceBusy} while another change is under way.
     */
    ReplicaChange addReplica(String owner, String region, String table, String replicaRegion);

    /**
     * Removes the replica in {@code replicaRegion} from the owner's table, calling {@code region} (another region with
     * a replica: DynamoDB does not remove the replica of the region called through this API, so the last replica is
     * never removed).
     */
    ReplicaChange removeReplica(String owner, String region, String table, String replicaRegion);

    /**
     * Marks an existing table as the owner's (tags it), for adoption the blueprint asks for. Does nothing when it is
     * already the owner's; throws {@link NotOwned} when another owner has it.
     */
    void adopt(String owner, String region, String table);
}

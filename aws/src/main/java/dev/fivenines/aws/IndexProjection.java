package dev.fivenines.aws;

/** Which attributes a global secondary index holds besides the keys. */
public enum IndexProjection {
    /** Every attribute. */
    ALL,
    /** Only the table's and the index's keys. */
    KEYS_ONLY,
    /** The keys and the index's {@link GlobalIndex#includedAttributes()}. */
    INCLUDE
}

package dev.fivenines.auth.tokens;

/** Where the token service gets a tenant's keys. */
public interface KeySource {

    KeyRing ring(String tenant);

    /** The ring, re-read first when it does not know {@code kid} (another replica may have just rotated). */
    default KeyRing ringKnowing(String tenant, String kid) {
        return ring(tenant);
    }

    /** Whether {@link #ring} answers from memory, reading no storage; a source that cannot tell says no. */
    default boolean inMemory(String tenant) {
        return false;
    }

    /** The tenant was retired: its keys are dropped from memory. */
    default void forget(String tenant) {
    }
}

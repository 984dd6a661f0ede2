package dev.fivenines.aws;

/** How Fivenines marks what it owns in AWS. */
public final class Ownership {

    /** Tag on tables and health checks; its value is the owner the caller gives (e.g. {@code namespace/name}). */
    public static final String OWNER_TAG = "fivenines.dev/owner";

    /** Longest owner: AWS tag values hold at most 256 characters. */
    public static final int MAX_OWNER_LENGTH = 256;

    private Ownership() {
    }

    /** Checks an owner given by a caller: not blank, at most 256 characters. */
    public static String requireOwner(String owner) {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("An owner is required (e.g. namespace/name of the custom resource)");
        }
        if (owner.length() > MAX_OWNER_LENGTH) {
            throw new IllegalArgumentException("Owner longer than " + MAX_OWNER_LENGTH + " characters: " + owner);
        }
        return owner;
    }
}

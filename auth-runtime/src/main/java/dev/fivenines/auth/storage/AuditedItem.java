package dev.fivenines.auth.storage;

/**
 * A stored role, access record or client, named as its audit entries name it ({@code role:editor}, {@code record:r1},
 * {@code client:billing}), with its state in the JSON its audit entries carry; or, when the item cannot be read as
 * one, why not.
 */
public record AuditedItem(String target, String state, String unreadableBecause) {

    public boolean readable() {
        return unreadableBecause == null;
    }
}

package dev.fivenines.auth.consistency;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a stored role, access record or client disagrees with its audit trail. */
public enum DiscrepancyKind {

    /** The table holds the item, and no audit entry names it. */
    MISSING_AUDIT("missing-audit"),
    /** The item's latest audit entry leaves it in another state than the one stored. */
    STATE_DIFFERS("state-differs"),
    /** The latest audit entry leaves the item in place, and the table has no such item. */
    MISSING_ITEM("missing-item"),
    /** The latest audit entry deletes the item, and the table still holds it. */
    DELETED_BUT_PRESENT("deleted-but-present"),
    /** The stored item lacks attributes of its kind, so its state cannot be compared. */
    UNREADABLE_ITEM("unreadable-item"),
    /** An audit entry lacks its target or time, or its {@code after} is not JSON. */
    UNREADABLE_AUDIT("unreadable-audit");

    private final String label;

    DiscrepancyKind(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}

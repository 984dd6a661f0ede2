package dev.fivenines.auth.storage;

import java.util.List;

/** A group: its description, and its members, the users that list it (in name order). */
public record StoredGroup(String id, String description, List<String> members) {

    public StoredGroup {
        members = List.copyOf(members);
    }
}

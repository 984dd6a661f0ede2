package dev.fivenines.auth.authz;

import java.util.Objects;

/** Grants a role to a subject on a resource path (and, by hierarchy, on what is below it). */
public record AccessRecord(String id, Subject subject, String role, String resource, long version) {

    public AccessRecord {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an access record needs an id");
        }
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        ResourcePath.requireGrant(resource);
    }
}

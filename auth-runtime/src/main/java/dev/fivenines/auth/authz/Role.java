package dev.fivenines.auth.authz;

import java.util.Set;

/** A named set of permissions, wildcards allowed. */
public record Role(String name, Set<String> permissions, long version) {

    public Role {
        if (name == null || !name.matches("^[a-z][a-z0-9-]{0,62}$")) {
            throw new IllegalArgumentException("a role name is lower case letters, digits and dashes (at most 63), not " + name);
        }
        permissions = Set.copyOf(permissions);
        permissions.forEach(Permission::requireGrantable);
    }

    public boolean grants(String permission) {
        return permissions.contains("*") || permissions.contains(permission) || permissions.contains(Permission.typeWildcard(permission));
    }
}

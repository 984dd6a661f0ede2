package dev.fivenines.auth.authz;

import java.util.regex.Pattern;

/**
 * Permissions are {@code resource-type:action}, e.g. {@code documents:read}. A role may hold wildcards:
 * {@code documents:*} (every action on documents) or {@code *} (everything).
 */
public final class Permission {

    private static final Pattern CONCRETE = Pattern.compile("^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$");
    private static final Pattern GRANTABLE = Pattern.compile("^(\\*|[a-z][a-z0-9-]*:(\\*|[a-z][a-z0-9-]*))$");

    private Permission() {
    }

    /** A permission asked for: no wildcard. */
    public static String requireConcrete(String permission) {
        if (permission == null || !CONCRETE.matcher(permission).matches()) {
            throw new IllegalArgumentException("a permission is type:action in lower case, e.g. documents:read, not " + permission);
        }
        return permission;
    }

    /** A permission a role may grant: concrete, {@code type:*} or {@code *}. */
    public static String requireGrantable(String permission) {
        if (permission == null || !GRANTABLE.matcher(permission).matches()) {
            throw new IllegalArgumentException("a role grants type:action, type:* or *, not " + permission);
        }
        return permission;
    }

    /** The wildcard that covers a concrete permission's type: {@code documents:*} for {@code documents:read}. */
    static String typeWildcard(String concrete) {
        return concrete.substring(0, concrete.indexOf(':') + 1) + "*";
    }
}

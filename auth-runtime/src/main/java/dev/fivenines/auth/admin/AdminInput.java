package dev.fivenines.auth.admin;

import java.util.Set;

import dev.fivenines.auth.api.BadRequest;
import dev.fivenines.auth.tokens.BootstrapSecrets;

/** The checks of admin input that the domain types do not make themselves; each failure names its field. */
final class AdminInput {

    private AdminInput() {
    }

    /** The longest id of an access record, user or group: with its sort key prefix it stays within DynamoDB's 1024 bytes. */
    static final int MAX_ID = 200;
    static final int MAX_PERMISSIONS = 256;
    static final int MAX_PERMISSION_CHARS = 129;
    static final int MAX_SCOPES = 64;
    static final int MAX_GROUPS = 256;
    /** {@code group:} and an id. */
    static final int MAX_SUBJECT_CHARS = 7 + MAX_ID;

    /** Whether {@code id} could be stored as an item's id; an id that could not names no item (404 on reads). */
    static boolean storable(String id) {
        return id != null && !id.isEmpty() && id.length() <= MAX_ID && id.chars().noneMatch(Character::isISOControl);
    }

    /** An id a write stores: 1 to {@value #MAX_ID} characters, no control characters. */
    static String id(String field, String id) {
        if (!storable(id)) {
            throw new BadRequest(field, "an id is 1 to " + MAX_ID + " characters without control characters");
        }
        return id;
    }

    /** A role's permissions (none when absent): at most {@value #MAX_PERMISSIONS}, each at most {@value #MAX_PERMISSION_CHARS} characters. */
    static Set<String> permissions(Set<String> permissions) {
        Set<String> checked = permissions == null ? Set.of() : permissions;
        if (checked.size() > MAX_PERMISSIONS) {
            throw new BadRequest("permissions", "a role holds at most " + MAX_PERMISSIONS + " permissions");
        }
        for (String permission : checked) {
            if (permission == null || permission.length() > MAX_PERMISSION_CHARS) {
                throw new BadRequest("permissions", "a permission is at most " + MAX_PERMISSION_CHARS + " characters");
            }
        }
        return checked;
    }

    /** A user's groups (none when absent): at most {@value #MAX_GROUPS} ids. */
    static Set<String> groups(Set<String> groups) {
        Set<String> checked = groups == null ? Set.of() : groups;
        if (checked.size() > MAX_GROUPS) {
            throw new BadRequest("groups", "a user belongs to at most " + MAX_GROUPS + " groups");
        }
        checked.forEach(group -> id("groups", group));
        return checked;
    }

    static String subject(String subject) {
        if (subject != null && subject.length() > MAX_SUBJECT_CHARS) {
            throw new BadRequest("subject", "a subject is at most " + MAX_SUBJECT_CHARS + " characters");
        }
        return subject;
    }

    /** The version the caller read: 0 to create. */
    static long version(Long version) {
        if (version == null || version < 0) {
            throw new BadRequest("version", "give the version you read (0 to create)");
        }
        return version;
    }

    /** A page's size: 1 to 500, 50 when absent. */
    static int pageSize(Integer limit) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 500) {
            throw new BadRequest("limit", "a page holds 1 to 500 entries");
        }
        return size;
    }

    static String tenantId(String id) {
        if (id == null || !id.matches("^[a-z0-9][a-z0-9-]{0,62}$")) {
            throw new BadRequest("id", "a tenant id is 1 to 63 lower case letters, digits and dashes");
        }
        return id;
    }

    static String clientId(String id) {
        return clientId("clientId", id);
    }

    static String clientId(String field, String id) {
        if (id == null || !id.matches("^[a-z0-9][a-z0-9-]{0,62}$") || id.equals(BootstrapSecrets.ADMIN_CLIENT)) {
            throw new BadRequest(field, "a client id is 1 to 63 lower case letters, digits and dashes, and not 'admin'");
        }
        return id;
    }

    /** A new client's scopes (none when absent). */
    static Set<String> scopes(Set<String> scopes) {
        Set<String> checked = scopes == null ? Set.of() : scopes;
        if (checked.size() > MAX_SCOPES) {
            throw new BadRequest("scopes", "a client holds at most " + MAX_SCOPES + " scopes");
        }
        for (String scope : checked) {
            if (scope == null || !scope.matches("^[a-z][a-z0-9:_-]{0,63}$")) {
                throw new BadRequest("scopes", "a scope is lower case letters, digits and : _ -, not " + scope);
            }
        }
        return checked;
    }

    static String groupDescription(String description) {
        String checked = description == null ? "" : description;
        if (checked.length() > 1024) {
            throw new BadRequest("description", "at most 1024 characters");
        }
        return checked;
    }
}

package dev.fivenines.auth.admin;

import java.util.Set;

import dev.fivenines.auth.api.BadRequest;
import dev.fivenines.auth.tokens.BootstrapSecrets;

/** The checks of admin input that the domain types do not make themselves; each failure names its field. */
final class AdminInput {

    private AdminInput() {
    }

    /** The version the caller read: 0 to create. */
    static long version(Long version) {
        if (version == null || version < 0) {
            throw new BadRequest("version", "give the version you read (0 to create)");
        }
        return version;
    }

    static String clientId(String id) {
        if (id == null || !id.matches("^[a-z0-9][a-z0-9-]{0,62}$") || id.equals(BootstrapSecrets.ADMIN_CLIENT)) {
            throw new BadRequest("clientId", "a client id is 1 to 63 lower case letters, digits and dashes, and not 'admin'");
        }
        return id;
    }

    /** A new client's scopes (none when absent). */
    static Set<String> scopes(Set<String> scopes) {
        Set<String> checked = scopes == null ? Set.of() : scopes;
        for (String scope : checked) {
            if (!scope.matches("^[a-z][a-z0-9:_-]{0,63}$")) {
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

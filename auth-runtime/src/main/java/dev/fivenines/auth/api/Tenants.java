package dev.fivenines.auth.api;

import java.util.regex.Pattern;

/** Tenant ids in paths: lower case letters, digits and dashes. */
final class Tenants {

    private static final Pattern TENANT = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    private Tenants() {
    }

    static String require(String tenant) {
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new BadRequest("tenant", "a tenant id is 1 to 63 lower case letters, digits and dashes");
        }
        return tenant;
    }
}

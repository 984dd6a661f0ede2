package dev.fivenines.aws;

import java.util.Locale;

/** Domain names as Route 53 compares them: lower case, with the final dot. */
public final class DnsNames {

    private DnsNames() {
    }

    public static String normalize(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A domain name is required");
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }
}

package dev.fivenines.operator.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Endpoints per region as one setting of {@code region=url} entries separated by commas: one environment
 * variable carries them all, with the regions' dashes intact (a map keyed by region cannot be set from the
 * environment: FIVENINES_..._US_EAST_1 names no key).
 */
final class RegionEndpoints {

    private RegionEndpoints() {
    }

    static Map<String, String> parse(String setting, List<String> entries) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException(setting + ": '" + entry + "' is not region=url (e.g. us-east-1=http://10.213.0.2:18000)");
            }
            endpoints.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return endpoints;
    }
}

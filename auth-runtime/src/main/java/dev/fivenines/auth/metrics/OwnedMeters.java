package dev.fivenines.auth.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges and function counters read an object; a registry hands back an existing meter of the same name and
 * tags instead of registering a new one. Where the registry outlives the object (the global registry when an
 * application is restarted in the same JVM, as tests do), the meter would keep reading the old object. Owners
 * therefore forget their meters' names before registering them again.
 */
public final class OwnedMeters {

    private OwnedMeters() {
    }

    public static void forget(MeterRegistry registry, String... names) {
        for (String name : names) {
            registry.find(name).meters().forEach(registry::remove);
        }
    }
}

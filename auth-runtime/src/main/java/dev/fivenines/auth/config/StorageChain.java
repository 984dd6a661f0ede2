package dev.fivenines.auth.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.fivenines.auth.storage.FailoverDynamoDb;

/** Reads the storage chain and its endpoints from the settings, with messages that name the setting. */
final class StorageChain {

    private StorageChain() {
    }

    static List<String> regions(RuntimeSettings.Storage storage) {
        List<String> chain = new ArrayList<>();
        for (String region : storage.regions().orElse(List.of(storage.region()))) {
            String trimmed = region.trim();
            if (!trimmed.isEmpty() && !chain.contains(trimmed)) {
                chain.add(trimmed);
            }
        }
        if (chain.isEmpty() || chain.size() > FailoverDynamoDb.MAX_REGIONS) {
            throw new IllegalArgumentException("fivenines.storage.regions (FIVENINES_STORAGE_REGIONS) needs 1 to "
                    + FailoverDynamoDb.MAX_REGIONS + " distinct regions, local first; was " + storage.regions().orElse(List.of()));
        }
        if (!chain.get(0).equals(storage.region())) {
            throw new IllegalArgumentException("fivenines.storage.regions (FIVENINES_STORAGE_REGIONS) must start with the local region "
                    + storage.region() + "; was " + chain);
        }
        return chain;
    }

    static Optional<URI> endpoint(RuntimeSettings.Storage storage, String region) {
        for (String entry : storage.endpoints().orElse(List.of())) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("fivenines.storage.endpoints (FIVENINES_STORAGE_ENDPOINTS) entries are <region>=<url>; was "
                        + entry);
            }
            if (entry.substring(0, eq).trim().equals(region)) {
                return Optional.of(URI.create(entry.substring(eq + 1).trim()));
            }
        }
        return storage.endpoint().map(URI::create);
    }
}

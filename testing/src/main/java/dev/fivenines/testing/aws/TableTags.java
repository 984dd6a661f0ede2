package dev.fivenines.testing.aws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The tags of every region's tables (DynamoDB Local refuses tagging, so the fixture keeps them). */
final class TableTags {

    private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();

    synchronized Map<String, String> get(String region, String table) {
        return new LinkedHashMap<>(tags.getOrDefault(key(region, table), Map.of()));
    }

    synchronized void put(String region, String table, Map<String, String> added) {
        tags.computeIfAbsent(key(region, table), unused -> new LinkedHashMap<>()).putAll(added);
    }

    synchronized void remove(String region, String table, Iterable<String> keys) {
        Map<String, String> tableTags = tags.get(key(region, table));
        if (tableTags != null) {
            keys.forEach(tableTags::remove);
        }
    }

    synchronized void dropTable(String region, String table) {
        tags.remove(key(region, table));
    }

    private static String key(String region, String table) {
        return region + "/" + table;
    }
}

package dev.fivenines.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A table to create in its home region. Billing is always on demand (PAY_PER_REQUEST) and the stream always
 * NEW_AND_OLD_IMAGES, which global tables need. The owner becomes the {@link Ownership#OWNER_TAG} tag; {@code tags}
 * are added besides it.
 */
public record TableSpec(String name, KeyAttribute partitionKey, Optional<KeyAttribute> sortKey, List<GlobalIndex> globalIndexes,
        String owner, Map<String, String> tags) {

    public TableSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(sortKey, "sortKey");
        globalIndexes = List.copyOf(globalIndexes);
        Ownership.requireOwner(owner);
        tags = Map.copyOf(tags);
        if (!name.matches("[a-zA-Z0-9_.-]{3,255}")) {
            throw new IllegalArgumentException("Not a DynamoDB table name (3 to 255 of a-z A-Z 0-9 _ . -): " + name);
        }
        if (tags.containsKey(Ownership.OWNER_TAG)) {
            throw new IllegalArgumentException("The " + Ownership.OWNER_TAG + " tag is set from the owner, not from tags");
        }
        Map<String, AttributeType> types = new HashMap<>();
        declare(types, partitionKey);
        sortKey.ifPresent(key -> declare(types, key));
        for (GlobalIndex index : globalIndexes) {
            declare(types, index.partitionKey());
            index.sortKey().ifPresent(key -> declare(types, key));
        }
    }

    /** The table's key attributes and the indexes' (each once). */
    public Map<String, AttributeType> keyAttributes() {
        Map<String, AttributeType> types = new java.util.LinkedHashMap<>();
        types.put(partitionKey.name(), partitionKey.type());
        sortKey.ifPresent(key -> types.put(key.name(), key.type()));
        for (GlobalIndex index : globalIndexes) {
            types.putIfAbsent(index.partitionKey().name(), index.partitionKey().type());
            index.sortKey().ifPresent(key -> types.putIfAbsent(key.name(), key.type()));
        }
        return types;
    }

    private static void declare(Map<String, AttributeType> types, KeyAttribute key) {
        AttributeType earlier = types.putIfAbsent(key.name(), key.type());
        if (earlier != null && earlier != key.type()) {
            throw new IllegalArgumentException("Key attribute " + key.name() + " is declared both " + earlier + " and " + key.type());
        }
    }
}

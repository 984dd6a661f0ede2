package dev.fivenines.aws;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A global secondary index of a table. */
public record GlobalIndex(String name, KeyAttribute partitionKey, Optional<KeyAttribute> sortKey, IndexProjection projection,
        List<String> includedAttributes) {

    public GlobalIndex {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(sortKey, "sortKey");
        Objects.requireNonNull(projection, "projection");
        includedAttributes = List.copyOf(includedAttributes);
        if ((projection == IndexProjection.INCLUDE) == includedAttributes.isEmpty()) {
            throw new IllegalArgumentException("Index " + name + ": included attributes go with projection INCLUDE, and only with it");
        }
    }

    /** An index projecting every attribute. */
    public static GlobalIndex all(String name, KeyAttribute partitionKey, Optional<KeyAttribute> sortKey) {
        return new GlobalIndex(name, partitionKey, sortKey, IndexProjection.ALL, List.of());
    }
}

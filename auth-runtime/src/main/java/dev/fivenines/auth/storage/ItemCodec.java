package dev.fivenines.auth.storage;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How one audited kind of item (a role, an access record, a client) is kept in the auth table: its sort key
 * {@code <PREFIX>#<id>}, its attributes, and the JSON its audit entries carry. The kind names its audit targets
 * ({@code role:editor}) and actions ({@code role.update}).
 */
interface ItemCodec<T> {

    /** {@code role}, {@code record} or {@code client}. */
    String kind();

    /** {@code ROLE#}, {@code RECORD#} or {@code CLIENT#}. */
    String sortKeyPrefix();

    String id(T value);

    /** Adds the value's attributes (all but the key) to {@code item}. */
    void write(T value, Map<String, AttributeValue> item);

    /** The value stored as {@code item} under the sort key of {@code id}; throws when the attributes are not those of the kind. */
    T read(String id, Map<String, AttributeValue> item);

    /** The value's state as its audit entries carry it. */
    String auditJson(T value);

    default String sortKey(String id) {
        return sortKeyPrefix() + id;
    }

    default String target(String id) {
        return kind() + ":" + id;
    }
}

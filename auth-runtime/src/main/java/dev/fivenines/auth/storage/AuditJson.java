package dev.fivenines.auth.storage;

import java.util.Collection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON an audit entry carries for an item's state, written by Jackson so every string is escaped. */
final class AuditJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditJson() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** A set, written in name order so the same state is always the same text. */
    static void putSorted(ObjectNode node, String field, Collection<String> values) {
        values.stream().sorted().forEach(node.putArray(field)::add);
    }

    static String text(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit state could not be written as JSON", e);
        }
    }
}

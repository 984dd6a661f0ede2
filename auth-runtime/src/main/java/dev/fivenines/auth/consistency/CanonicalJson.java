package dev.fivenines.auth.consistency;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * States compared as values, not as text: objects regardless of field order, numbers regardless of notation
 * ({@code 2} and {@code 2.0}), and arrays regardless of element order, because every array in an audited state is a
 * set (a role's permissions, a client's scopes) and the store keeps sets in no guaranteed order.
 */
final class CanonicalJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private CanonicalJson() {
    }

    static JsonNode parse(String text) throws JsonProcessingException {
        return JSON.readTree(text);
    }

    static boolean sameState(JsonNode a, JsonNode b) {
        return canonical(a).equals(canonical(b));
    }

    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                copy.set(field.getKey(), canonical(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            node.forEach(element -> elements.add(canonical(element)));
            elements.sort(Comparator.comparing(JsonNode::toString));
            ArrayNode copy = NODES.arrayNode();
            elements.forEach(copy::add);
            return copy;
        }
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            return NODES.numberNode(value.scale() < 0 ? value.setScale(0) : value);
        }
        return node;
    }
}

package dev.fivenines.operator.revision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.MapperFeature;

import dev.fivenines.api.v1alpha1.AuthBlueprintSpec;

/**
 * A stable, short hash of a spec: the same content gives the same revision whatever the field order,
 * map order or the process that computes it.
 *
 * <p>A blueprint's {@code spec.rollout} is left out: it says how a revision travels, not what it is, so
 * pausing a rollout or changing its gate never makes a new revision (nor restarts the rollout).
 */
public final class Revision {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .addMixIn(AuthBlueprintSpec.class, WithoutRolloutPolicy.class)
            .build();

    @JsonIgnoreProperties("rollout")
    private interface WithoutRolloutPolicy {
    }

    private Revision() {
    }

    public static String of(Object spec) {
        try {
            JsonNode tree = CANONICAL.valueToTree(spec);
            Object sorted = CANONICAL.treeToValue(tree, Object.class);
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CANONICAL.writeValueAsString(sorted).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot compute the revision of " + spec.getClass().getSimpleName(), e);
        }
    }
}

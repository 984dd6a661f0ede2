package dev.fivenines.auth.tokens;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;

/** A key ring as JSON (private parts included, for storage only) and back. */
public final class KeyRingCodec {

    private KeyRingCodec() {
    }

    public static String toJson(KeyRing ring) {
        List<Object> keys = new ArrayList<>();
        keys.add(entry(ring.active()));
        ring.retired().forEach(k -> keys.add(entry(k)));
        return JSONObjectUtils.toJSONString(Map.of("tenant", ring.tenant(), "keys", keys));
    }

    public static KeyRing fromJson(String json) {
        try {
            Map<String, Object> root = JSONObjectUtils.parse(json);
            List<Object> entries = JSONObjectUtils.getJSONArray(root, "keys");
            List<SigningKey> keys = new ArrayList<>();
            for (Object entry : entries) {
                @SuppressWarnings("unchecked")
                Map<String, Object> e = (Map<String, Object>) entry;
                String retired = (String) e.get("retiredAt");
                keys.add(new SigningKey((String) e.get("kid"), Algorithm.valueOf((String) e.get("algorithm")),
                        JWK.parse(JSONObjectUtils.getJSONObject(e, "jwk")), Instant.parse((String) e.get("createdAt")),
                        Optional.ofNullable(retired).map(Instant::parse)));
            }
            return new KeyRing((String) root.get("tenant"), keys.get(0), keys.subList(1, keys.size()));
        } catch (ParseException | RuntimeException e) {
            throw new IllegalStateException("stored signing keys cannot be read: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> entry(SigningKey key) {
        Map<String, Object> entry = new java.util.LinkedHashMap<>();
        entry.put("kid", key.kid());
        entry.put("algorithm", key.algorithm().name());
        entry.put("jwk", key.jwk().toJSONObject());
        entry.put("createdAt", key.createdAt().toString());
        key.retiredAt().ifPresent(at -> entry.put("retiredAt", at.toString()));
        return entry;
    }
}

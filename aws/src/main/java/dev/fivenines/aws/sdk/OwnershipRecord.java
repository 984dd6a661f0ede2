package dev.fivenines.aws.sdk;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.fivenines.aws.DnsNames;

/**
 * The TXT record that says which owner a failover record (name, set identifier) belongs to. It lives at
 * {@code <label>._fivenines-owner.<name>}, where the label is the set identifier when that is a valid lower-case DNS
 * label and a hash of it otherwise; its value carries the owner and the exact set identifier, URL-encoded, split into
 * TXT strings of at most 255 characters: {@code "fivenines-owner=team-a%2Fauth&set-identifier=auth-primary"}.
 *
 * <p>All ownership records of a name sit under {@code _fivenines-owner.<name>}, so one listing from there finds them.
 */
record OwnershipRecord(String recordName, String setIdentifier, String owner) {

    static final String SUBDOMAIN = "_fivenines-owner";
    static final long TTL = 300;

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final int TXT_STRING = 255;

    OwnershipRecord {
        recordName = DnsNames.normalize(recordName);
    }

    /** Where the ownership records of this record name live. */
    static String zoneOf(String recordName) {
        return SUBDOMAIN + "." + DnsNames.normalize(recordName);
    }

    /** The name of this ownership record. */
    String name() {
        String label = LABEL.matcher(setIdentifier).matches() ? setIdentifier : "h" + Hashes.hex(setIdentifier, 24);
        return label + "." + zoneOf(recordName);
    }

    /** The TXT value: quoted strings of at most 255 characters. */
    String value() {
        String payload = "fivenines-owner=" + URLEncoder.encode(owner, StandardCharsets.UTF_8)
                + "&set-identifier=" + URLEncoder.encode(setIdentifier, StandardCharsets.UTF_8);
        List<String> strings = new ArrayList<>();
        for (int from = 0; from < payload.length(); from += TXT_STRING) {
            strings.add("\"" + payload.substring(from, Math.min(payload.length(), from + TXT_STRING)) + "\"");
        }
        return String.join(" ", strings);
    }

    /** Reads an ownership record of {@code recordName} from a TXT value; empty when it is not one. */
    static Optional<OwnershipRecord> parse(String recordName, String txtValue) {
        StringBuilder payload = new StringBuilder();
        Matcher quoted = QUOTED.matcher(txtValue);
        while (quoted.find()) {
            payload.append(quoted.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : payload.toString().split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        String owner = fields.get("fivenines-owner");
        String setIdentifier = fields.get("set-identifier");
        if (owner == null || owner.isEmpty() || setIdentifier == null || setIdentifier.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new OwnershipRecord(recordName, setIdentifier, owner));
    }
}

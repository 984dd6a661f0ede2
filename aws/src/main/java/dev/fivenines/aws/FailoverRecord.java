package dev.fivenines.aws;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A failover record as Fivenines wants it: Primary deployments get {@code PRIMARY}, Backup deployments
 * {@code SECONDARY} with the same name, each with its own set identifier (the deployment's name) and health check.
 * Either {@code ttl} and {@code values}, or an {@code alias}.
 */
public record FailoverRecord(String name, RecordType type, String setIdentifier, Failover failover,
        Optional<String> healthCheckId, Optional<Long> ttl, List<String> values, Optional<AliasTarget> alias) {

    public FailoverRecord {
        name = DnsNames.normalize(name);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(failover, "failover");
        Objects.requireNonNull(healthCheckId, "healthCheckId");
        Objects.requireNonNull(ttl, "ttl");
        values = List.copyOf(values);
        Objects.requireNonNull(alias, "alias");
        if (setIdentifier == null || setIdentifier.isBlank() || setIdentifier.length() > 128) {
            throw new IllegalArgumentException("A failover record needs a set identifier of 1 to 128 characters");
        }
        if (alias.isPresent() == (ttl.isPresent() || !values.isEmpty())) {
            throw new IllegalArgumentException("Record " + name + " " + setIdentifier
                    + ": give either a TTL and values, or an alias target");
        }
        if (alias.isEmpty() && (ttl.isEmpty() || values.isEmpty())) {
            throw new IllegalArgumentException("Record " + name + " " + setIdentifier + ": a TTL and at least one value are needed");
        }
        if (type == RecordType.CNAME && values.size() > 1) {
            throw new IllegalArgumentException("A CNAME record has one value, not " + values.size());
        }
    }

    /** A record with values (IP addresses, or one name for a CNAME). */
    public static FailoverRecord of(String name, RecordType type, String setIdentifier, Failover failover,
            Optional<String> healthCheckId, long ttl, List<String> values) {
        return new FailoverRecord(name, type, setIdentifier, failover, healthCheckId, Optional.of(ttl), values, Optional.empty());
    }

    /** An alias record. */
    public static FailoverRecord alias(String name, RecordType type, String setIdentifier, Failover failover,
            Optional<String> healthCheckId, AliasTarget target) {
        return new FailoverRecord(name, type, setIdentifier, failover, healthCheckId, Optional.empty(), List.of(), Optional.of(target));
    }
}

package dev.fivenines.aws;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A record set as Route 53 lists it, with its owner when Fivenines recorded one (see {@link DnsRecords}).
 *
 * @param type the record type as Route 53 names it (any type, not only those Fivenines manages)
 */
public record DnsRecord(String name, String type, Optional<String> setIdentifier, Optional<Failover> failover,
        Optional<String> healthCheckId, Optional<Long> ttl, List<String> values, Optional<AliasTarget> alias,
        Optional<String> owner) {

    public DnsRecord {
        name = DnsNames.normalize(name);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(setIdentifier, "setIdentifier");
        Objects.requireNonNull(failover, "failover");
        Objects.requireNonNull(healthCheckId, "healthCheckId");
        Objects.requireNonNull(ttl, "ttl");
        values = List.copyOf(values);
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(owner, "owner");
    }

    /** True when this record is exactly the desired one (values compared as a set). */
    public boolean matches(FailoverRecord desired) {
        return name.equals(desired.name())
                && type.equals(desired.type().name())
                && setIdentifier.equals(Optional.of(desired.setIdentifier()))
                && failover.equals(Optional.of(desired.failover()))
                && healthCheckId.equals(desired.healthCheckId())
                && ttl.equals(desired.ttl())
                && new HashSet<>(values).equals(new HashSet<>(desired.values()))
                && values.size() == desired.values().size()
                && alias.equals(desired.alias());
    }
}

package dev.fivenines.aws;

import java.util.Objects;

/** The target of an alias record (e.g. a load balancer), with the target's hosted zone. */
public record AliasTarget(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {

    public AliasTarget {
        Objects.requireNonNull(hostedZoneId, "hostedZoneId");
        dnsName = DnsNames.normalize(dnsName);
    }
}

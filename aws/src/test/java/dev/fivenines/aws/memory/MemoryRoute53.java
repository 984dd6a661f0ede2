package dev.fivenines.aws.memory;

/**
 * Route 53 in memory: its health checks and hosted zones behind the {@link dev.fivenines.aws.HealthChecks} and
 * {@link dev.fivenines.aws.DnsRecords} ports. The two share one state, as in Route 53: a record refers to a health
 * check that must exist when the record is written, and deleting a health check a record still refers to is allowed
 * (Route 53 does not refuse it) but noted, see {@link MemoryHealthChecks#deletedWhileInUse()}.
 */
public final class MemoryRoute53 {

    private final MemoryHealthChecks healthChecks = new MemoryHealthChecks(this);
    private final MemoryDnsRecords dnsRecords = new MemoryDnsRecords(this);

    public MemoryHealthChecks healthChecks() {
        return healthChecks;
    }

    public MemoryDnsRecords dnsRecords() {
        return dnsRecords;
    }
}

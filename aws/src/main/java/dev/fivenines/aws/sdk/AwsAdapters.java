package dev.fivenines.aws.sdk;

import dev.fivenines.aws.DnsRecords;
import dev.fivenines.aws.GlobalTables;
import dev.fivenines.aws.HealthChecks;
import dev.fivenines.aws.RolloutLedger;

/**
 * The ports on one set of SDK clients. For local use, point it at the local cloud:
 *
 * <pre>{@code
 * AwsAdapters aws = AwsAdapters.create(AwsSettings.defaults()
 *         .withDynamoDbEndpoints(cloud.dynamoDbEndpoints())
 *         .withRoute53Endpoint(cloud.route53Endpoint())
 *         .withStaticCredentials(LocalCloud.ACCESS_KEY_ID, LocalCloud.SECRET_ACCESS_KEY));
 * }</pre>
 */
public final class AwsAdapters implements AutoCloseable {

    private final AwsClients clients;
    private final GlobalTables globalTables;
    private final HealthChecks healthChecks;
    private final DnsRecords dnsRecords;
    private final RolloutLedger rolloutLedger;

    private AwsAdapters(AwsClients clients) {
        this.clients = clients;
        this.globalTables = new SdkGlobalTables(clients);
        this.healthChecks = new SdkHealthChecks(clients);
        this.dnsRecords = new SdkDnsRecords(clients);
        this.rolloutLedger = new SdkRolloutLedger(clients);
    }

    public static AwsAdapters create(AwsSettings settings) {
        return new AwsAdapters(AwsClients.create(settings));
    }

    /** @param calls told of every AWS call the adapters make ({@link AwsCallListener}) */
    public static AwsAdapters create(AwsSettings settings, AwsCallListener calls) {
        return new AwsAdapters(AwsClients.create(settings, calls));
    }

    public GlobalTables globalTables() {
        return globalTables;
    }

    public HealthChecks healthChecks() {
        return healthChecks;
    }

    public DnsRecords dnsRecords() {
        return dnsRecords;
    }

    public RolloutLedger rolloutLedger() {
        return rolloutLedger;
    }

    /** The SDK clients underneath, for what the ports do not cover (tests, one-off tools). */
    public AwsClients clients() {
        return clients;
    }

    @Override
    public void close() {
        clients.close();
    }
}

package dev.fivenines.operator.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.fivenines.aws.DnsRecords;
import dev.fivenines.aws.GlobalTables;
import dev.fivenines.aws.HealthChecks;
import dev.fivenines.aws.RolloutLedger;
import dev.fivenines.aws.sdk.AwsAdapters;
import dev.fivenines.aws.sdk.AwsSettings;
import dev.fivenines.operator.metrics.OperatorMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The AWS ports as beans, on one set of SDK clients built from {@code fivenines.aws.*}. The beans are client proxies:
 * the clients are made on the first call through a port, never when {@code fivenines.aws.enabled} is false (nothing
 * calls them then), and closed at shutdown. Being beans, they can be replaced in a test (e.g. by the in-memory fakes of
 * module {@code aws}).
 */
@ApplicationScoped
public class AwsPortsProducer {

    private final OperatorConfig config;
    private final OperatorMetrics metrics;
    private AwsAdapters aws;

    public AwsPortsProducer(OperatorConfig config, OperatorMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Produces
    @ApplicationScoped
    GlobalTables globalTables() {
        return adapters().globalTables();
    }

    @Produces
    @ApplicationScoped
    HealthChecks healthChecks() {
        return adapters().healthChecks();
    }

    @Produces
    @ApplicationScoped
    DnsRecords dnsRecords() {
        return adapters().dnsRecords();
    }

    @Produces
    @ApplicationScoped
    RolloutLedger rolloutLedger() {
        return adapters().rolloutLedger();
    }

    /** AWS's endpoints unless the configuration names others; credentials from the default provider chain. */
    static AwsSettings settings(OperatorConfig.Aws aws) {
        Map<String, URI> endpoints = new LinkedHashMap<>();
        aws.dynamodbEndpointsByRegion().forEach((region, url) -> endpoints.put(region, URI.create(url)));
        AwsSettings settings = AwsSettings.defaults().withDynamoDbEndpoints(endpoints)
                .withHealthCheckListingTtl(aws.healthCheckListingTtl().orElse(aws.pollInterval().dividedBy(2)));
        if (aws.route53Endpoint().isPresent()) {
            settings = settings.withRoute53Endpoint(URI.create(aws.route53Endpoint().get()));
        }
        return settings;
    }

    private synchronized AwsAdapters adapters() {
        if (aws == null) {
            aws = AwsAdapters.create(settings(config.aws()), metrics::awsCall);
        }
        return aws;
    }

    @PreDestroy
    synchronized void close() {
        if (aws != null) {
            aws.close();
            aws = null;
        }
    }
}

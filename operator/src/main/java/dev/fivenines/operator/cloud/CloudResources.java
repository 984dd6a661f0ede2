package dev.fivenines.operator.cloud;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.DeletionPolicy;
import dev.fivenines.aws.CloudException;
import dev.fivenines.aws.TableSpec;
import dev.fivenines.aws.TableState;
import dev.fivenines.aws.sdk.AwsAdapters;
import dev.fivenines.aws.sdk.AwsSettings;
import dev.fivenines.operator.config.OperatorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The AWS resources of AuthDeployments: DynamoDB replicas and Route 53 health checks and records, through
 * the ports of module {@code aws}. Clients are created once, on first use.
 */
@ApplicationScoped
public class CloudResources {

    private static final Logger LOG = Logger.getLogger(CloudResources.class);

    private final OperatorConfig config;
    private final TableDefinitions definitions;
    private volatile AwsAdapters aws;

    public CloudResources(OperatorConfig config, TableDefinitions definitions) {
        this.config = config;
        this.definitions = definitions;
    }

    public boolean enabled() {
        return config.aws().enabled();
    }

    private AwsAdapters aws() {
        if (aws == null) {
            synchronized (this) {
                if (aws == null) {
                    Map<String, URI> endpoints = new LinkedHashMap<>();
                    config.aws().dynamodbEndpointsByRegion().forEach((region, url) -> endpoints.put(region, URI.create(url)));
                    AwsSettings settings = AwsSettings.defaults().withDynamoDbEndpoints(endpoints);
                    if (config.aws().route53Endpoint().isPresent()) {
                        settings = settings.withRoute53Endpoint(URI.create(config.aws().route53Endpoint().get()));
                    }
                    aws = AwsAdapters.create(settings);
                }
            }
        }
        return aws;
    }

    public CloudPlan plan(AuthBlueprint blueprint, AuthDeployment deployment) {
        return CloudPlan.of(blueprint, deployment, definitions);
    }

    /**
     * One pass over the deployment's AWS resources.
     *
     * @param wasReady the cloud conditions that were True at the same blueprint revision and generation
     */
    public List<CloudOutcome> ensure(CloudPlan plan, Collection<String> wasReady) {
        List<CloudOutcome> outcomes = new ArrayList<>();
        outcomes.add(new TableReplicaStep(aws().globalTables()).ensure(plan,
                wasReady.contains(dev.fivenines.api.v1alpha1.ConditionTypes.TABLE_REPLICA_READY)));
        outcomes.addAll(new DnsStep(aws().healthChecks(), aws().dnsRecords()).ensure(plan,
                wasReady.contains(dev.fivenines.api.v1alpha1.ConditionTypes.HEALTH_CHECK_READY),
                wasReady.contains(dev.fivenines.api.v1alpha1.ConditionTypes.DNS_RECORD_READY)));
        return outcomes;
    }

    /**
     * What a deleted deployment leaves behind: its record and health checks go; its replica goes only with
     * deletion policy Delete, when no other deployment reads from that region, and never the home region's
     * table or the last replica.
     */
    public void remove(AuthBlueprint blueprint, AuthDeployment deployment, Collection<AuthDeployment> others) {
        CloudPlan plan = plan(blueprint, deployment);
        new DnsStep(aws().healthChecks(), aws().dnsRecords()).remove(plan);
        if (blueprint.getSpec().getStorage().getDeletionPolicy() != DeletionPolicy.Delete) {
            return;
        }
        String region = deployment.getSpec().getRegion();
        boolean stillRead = others.stream().filter(o -> !o.getMetadata().getName().equals(deployment.getMetadata().getName()))
                .filter(o -> blueprint.getMetadata().getName().equals(o.getSpec().getBlueprint()))
                .anyMatch(o -> plan(blueprint, o).replicaRegions().contains(region));
        if (region.equals(plan.homeRegion()) || stillRead) {
            LOG.infof("keeping the replica in %s of %s: %s", region, plan.tableOwner(),
                    stillRead ? "another deployment reads from it" : "it is the home region's table");
            return;
        }
        for (TableSpec spec : plan.tables()) {
            Optional<TableState> table = aws().globalTables().describe(plan.homeRegion(), spec.name());
            if (table.isPresent() && table.get().hasReplicaIn(region) && table.get().replicas().size() > 1) {
                aws().globalTables().removeReplica(plan.tableOwner(), plan.homeRegion(), spec.name(), region);
            }
        }
    }

    /** For messages: a cloud failure in one line. */
    public static String describe(CloudException e) {
        return e.reason() + ": " + e.getMessage();
    }

    @PreDestroy
    void close() {
        if (aws != null) {
            aws.close();
        }
    }
}

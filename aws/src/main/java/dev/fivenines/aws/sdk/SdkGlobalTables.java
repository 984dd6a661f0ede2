package dev.fivenines.aws.sdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fivenines.aws.AttributeType;
import dev.fivenines.aws.GlobalIndex;
import dev.fivenines.aws.GlobalTables;
import dev.fivenines.aws.KeyAttribute;
import dev.fivenines.aws.NotFound;
import dev.fivenines.aws.NotOwned;
import dev.fivenines.aws.Ownership;
import dev.fivenines.aws.ReplicaChange;
import dev.fivenines.aws.ReplicaStatus;
import dev.fivenines.aws.ResourceBusy;
import dev.fivenines.aws.TableSpec;
import dev.fivenines.aws.TableState;
import dev.fivenines.aws.TableStatus;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/** {@link GlobalTables} on the AWS SDK v2. */
public final class SdkGlobalTables implements GlobalTables {

    private static final Logger LOG = LoggerFactory.getLogger(SdkGlobalTables.class);

    private final AwsClients clients;

    public SdkGlobalTables(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public Optional<TableState> describe(String region, String table) {
        DynamoDbClient dynamoDb = clients.dynamoDb(region);
        TableDescription description;
        try {
            description = dynamoDb.describeTable(b -> b.tableName(table)).table();
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsErrors.map(e, "dynamodb:DescribeTable", region, tableName(table));
        }
        Map<String, String> tags = tags(region, table, description.tableArn());
        return Optional.of(state(region, description, Optional.ofNullable(tags.get(Ownership.OWNER_TAG))));
    }

    @Override
    public void create(String region, TableSpec spec) {
        try {
            clients.dynamoDb(region).createTable(b -> b
                    .tableName(spec.name())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(spec.keyAttributes().entrySet().stream()
                            .map(key -> AttributeDefinition.builder().attributeName(key.getKey())
                                    .attributeType(key.getValue().code()).build())
                            .toList())
                    .keySchema(keySchema(spec.partitionKey(), spec.sortKey()))
                    .globalSecondaryIndexes(spec.globalIndexes().isEmpty() ? null
                            : spec.globalIndexes().stream().map(SdkGlobalTables::index).toList())
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                    .tags(tags(spec)));
            LOG.info("Created table {} in {} for {}", spec.name(), region, spec.owner());
        } catch (ResourceInUseException exists) {
            TableState existing = describe(region, spec.name()).orElseThrow(() -> new ResourceBusy(
                    tableName(spec.name()) + " in " + region + " is being created or deleted; will retry.",
                    "dynamodb:CreateTable", region, exists));
            if (!existing.isOwnedBy(spec.owner())) {
                throw notOwned(existing, spec.owner(), "dynamodb:CreateTable");
            }
            if (existing.status() == TableStatus.DELETING) {
                throw new ResourceBusy(tableName(spec.name()) + " in " + region + " is being deleted; it will be "
                        + "created again once it is gone.", "dynamodb:CreateTable", region, exists);
            }
        } catch (SdkException e) {
            throw AwsErrors.map(e, "dynamodb:CreateTable", region, tableName(spec.name()));
        }
    }

    @Override
    public ReplicaChange addReplica(String owner, String region, String table, String replicaRegion) {
        requireOtherRegion(region, replicaRegion);
        TableState state = ownedTable(owner, region, table, "dynamodb:UpdateTable");
        ReplicaStatus existing = state.replicas().get(replicaRegion);
        if (existing == ReplicaStatus.DELETING) {
            throw new ResourceBusy("The replica of " + table + " in " + replicaRegion + " is being deleted; it can be "
                    + "added again once it is gone. Will retry.", "dynamodb:UpdateTable", region);
        }
        if (existing != null) {
            return ReplicaChange.NOTHING_TO_DO;
        }
        refuseWhileChanging(state);
        return changeReplicas(region, table, replicaRegion, true,
                () -> ReplicationGroupUpdate.builder().create(c -> c.regionName(replicaRegion)).build());
    }

    @Override
    public ReplicaChange removeReplica(String owner, String region, String table, String replicaRegion) {
        requireOtherRegion(region, replicaRegion);
        TableState state = ownedTable(owner, region, table, "dynamodb:UpdateTable");
        ReplicaStatus existing = state.replicas().get(replicaRegion);
        if (existing == null || existing == ReplicaStatus.DELETING) {
            return ReplicaChange.NOTHING_TO_DO;
        }
        refuseWhileChanging(state);
        return changeReplicas(region, table, replicaRegion, false,
                () -> ReplicationGroupUpdate.builder().delete(d -> d.regionName(replicaRegion)).build());
    }

    @Override
    public void adopt(String owner, String region, String table) {
        Ownership.requireOwner(owner);
        TableState state = describe(region, table).orElseThrow(() -> new NotFound(tableName(table) + " does not exist in "
                + region + ", so it cannot be adopted.", "dynamodb:TagResource", region));
        if (state.isOwnedBy(owner)) {
            return;
        }
        if (state.owner().isPresent()) {
            throw notOwned(state, owner, "dynamodb:TagResource");
        }
        String arn = arn(region, table);
        try {
            clients.dynamoDb(region).tagResource(b -> b.resourceArn(arn)
                    .tags(Tag.builder().key(Ownership.OWNER_TAG).value(owner).build()));
            LOG.info("Adopted table {} in {} for {}", table, region, owner);
        } catch (SdkException e) {
            throw AwsErrors.map(e, "dynamodb:TagResource", region, tableName(table));
        }
    }

    private ReplicaChange changeReplicas(String region, String table, String replicaRegion, boolean create,
            Supplier<ReplicationGroupUpdate> update) {
        try {
            clients.dynamoDb(region).updateTable(b -> b.tableName(table).replicaUpdates(update.get()));
            LOG.info("{} the replica of {} in {} (through {})", create ? "Adding" : "Removing", table, replicaRegion, region);
            return ReplicaChange.STARTED;
        } catch (AwsServiceException e) {
            String message = AwsErrors.awsMessage(e);
            if (create && "ValidationException".equals(AwsErrors.code(e)) && message != null
                    && message.contains("already exist")) {
                throw new NotOwned("A table named " + table + " already exists in " + replicaRegion
                        + " and is not a replica of the table in " + region + ": remove it or make it the replica by hand."
                        + " AWS said: " + message, "dynamodb:UpdateTable", region, e);
            }
            throw AwsErrors.map(e, "dynamodb:UpdateTable", region, tableName(table));
        } catch (SdkException e) {
            throw AwsErrors.map(e, "dynamodb:UpdateTable", region, tableName(table));
        }
    }

    private TableState ownedTable(String owner, String region, String table, String action) {
        Ownership.requireOwner(owner);
        TableState state = describe(region, table).orElseThrow(() -> new NotFound(tableName(table) + " does not exist in "
                + region + "; create it in its home region first.", action, region));
        if (!state.isOwnedBy(owner)) {
            throw notOwned(state, owner, action);
        }
        return state;
    }

    private static void refuseWhileChanging(TableState state) {
        state.changeInProgress().ifPresent(change -> {
            throw new ResourceBusy("DynamoDB takes one replica change at a time and " + change
                    + "; will retry once everything is ACTIVE.", "dynamodb:UpdateTable", state.region());
        });
    }

    private static void requireOtherRegion(String region, String replicaRegion) {
        if (region.equals(replicaRegion)) {
            throw new IllegalArgumentException("Replicas are added and removed through another region than their own ("
                    + region + ")");
        }
    }

    private Map<String, String> tags(String region, String table, String arn) {
        Map<String, String> tags = new LinkedHashMap<>();
        String next = null;
        try {
            do {
                String token = next;
                ListTagsOfResourceResponse page = clients.dynamoDb(region)
                        .listTagsOfResource(b -> b.resourceArn(arn).nextToken(token));
                page.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
                next = page.nextToken();
            } while (next != null && !next.isEmpty());
        } catch (ResourceNotFoundException e) {
            // DynamoDB may not find the tags of a table it is still creating
            throw new ResourceBusy("The tags of " + tableName(table) + " in " + region + " cannot be read yet; will retry.",
                    "dynamodb:ListTagsOfResource", region, e);
        } catch (SdkException e) {
            throw AwsErrors.map(e, "dynamodb:ListTagsOfResource", region, tableName(table));
        }
        return tags;
    }

    private String arn(String region, String table) {
        try {
            return clients.dynamoDb(region).describeTable(b -> b.tableName(table)).table().tableArn();
        } catch (SdkException e) {
            throw AwsErrors.map(e, "dynamodb:DescribeTable", region, tableName(table));
        }
    }

    static TableState state(String region, TableDescription description, Optional<String> owner) {
        TableStatus status = TableStatus.of(description.tableStatusAsString());
        Map<String, ReplicaStatus> replicas = new LinkedHashMap<>();
        for (ReplicaDescription replica : description.replicas()) {
            replicas.put(replica.regionName(), ReplicaStatus.of(replica.replicaStatusAsString()));
        }
        // DescribeTable lists the other regions' replicas; this region's replica is the table itself
        replicas.putIfAbsent(region, switch (status) {
            case CREATING -> ReplicaStatus.CREATING;
            case DELETING -> ReplicaStatus.DELETING;
            case OTHER -> ReplicaStatus.OTHER;
            default -> ReplicaStatus.ACTIVE;
        });
        Map<String, AttributeType> types = description.attributeDefinitions().stream()
                .collect(Collectors.toMap(AttributeDefinition::attributeName,
                        definition -> AttributeType.fromCode(definition.attributeTypeAsString())));
        KeyAttribute partitionKey = null;
        Optional<KeyAttribute> sortKey = Optional.empty();
        for (KeySchemaElement element : description.keySchema()) {
            KeyAttribute key = new KeyAttribute(element.attributeName(), types.get(element.attributeName()));
            if (element.keyType() == KeyType.HASH) {
                partitionKey = key;
            } else {
                sortKey = Optional.of(key);
            }
        }
        Set<String> indexes = description.globalSecondaryIndexes().stream()
                .map(index -> index.indexName()).collect(Collectors.toSet());
        boolean payPerRequest = description.billingModeSummary() != null
                && description.billingModeSummary().billingMode() == BillingMode.PAY_PER_REQUEST;
        boolean newAndOldImages = description.streamSpecification() != null
                && Boolean.TRUE.equals(description.streamSpecification().streamEnabled())
                && description.streamSpecification().streamViewType() == StreamViewType.NEW_AND_OLD_IMAGES;
        return new TableState(description.tableName(), region, status, replicas, owner, partitionKey, sortKey, indexes,
                payPerRequest, newAndOldImages, description.tableArn());
    }

    private static List<KeySchemaElement> keySchema(KeyAttribute partitionKey, Optional<KeyAttribute> sortKey) {
        List<KeySchemaElement> schema = new ArrayList<>();
        schema.add(KeySchemaElement.builder().attributeName(partitionKey.name()).keyType(KeyType.HASH).build());
        sortKey.ifPresent(key -> schema.add(KeySchemaElement.builder().attributeName(key.name()).keyType(KeyType.RANGE).build()));
        return schema;
    }

    private static GlobalSecondaryIndex index(GlobalIndex index) {
        Projection.Builder projection = Projection.builder().projectionType(ProjectionType.fromValue(index.projection().name()));
        if (!index.includedAttributes().isEmpty()) {
            projection.nonKeyAttributes(index.includedAttributes());
        }
        return GlobalSecondaryIndex.builder()
                .indexName(index.name())
                .keySchema(keySchema(index.partitionKey(), index.sortKey()))
                .projection(projection.build())
                .build();
    }

    private static List<Tag> tags(TableSpec spec) {
        List<Tag> tags = new ArrayList<>();
        tags.add(Tag.builder().key(Ownership.OWNER_TAG).value(spec.owner()).build());
        spec.tags().forEach((key, value) -> tags.add(Tag.builder().key(key).value(value).build()));
        return tags;
    }

    private static NotOwned notOwned(TableState state, String owner, String action) {
        return new NotOwned(tableName(state.name()) + " in " + state.region() + " exists but "
                + state.owner().map(other -> "belongs to " + other).orElse("has no " + Ownership.OWNER_TAG + " tag")
                + ", not to " + owner + ". Fivenines does not change tables it does not own: remove it, or let the "
                + "blueprint adopt it.", action, state.region());
    }

    private static String tableName(String table) {
        return "table " + table;
    }
}

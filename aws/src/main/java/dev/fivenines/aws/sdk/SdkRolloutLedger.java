package dev.fivenines.aws.sdk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.fivenines.aws.RolloutLedger;
import dev.fivenines.aws.WaveProgress;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The ledger as items of the runtime's auth table, in a partition no tenant can name (tenant partitions are
 * {@code TENANT#<id>}): partition key {@code pk = ROLLOUT#<rollout>}, sort key {@code sk = <revision>#<region>}, so
 * one query reads every region's progress on a revision.
 */
final class SdkRolloutLedger implements RolloutLedger {

    static final String PARTITION_PREFIX = "ROLLOUT#";

    private final AwsClients clients;

    SdkRolloutLedger(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public void record(String region, String table, WaveProgress progress) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(PARTITION_PREFIX + progress.rollout()));
        item.put("sk", s(progress.revision() + "#" + progress.region()));
        item.put("rollout", s(progress.rollout()));
        item.put("revision", s(progress.revision()));
        item.put("region", s(progress.region()));
        item.put("phase", s(progress.phase()));
        item.put("message", s(progress.message()));
        item.put("updatedAt", s(progress.updatedAt().toString()));
        if (progress.nextBucket() != null) {
            item.put("nextBucket", AttributeValue.fromN(Integer.toString(progress.nextBucket())));
        }
        try {
            clients.dynamoDb(region).putItem(b -> b.tableName(table).item(item));
        } catch (SdkException e) {
            throw AwsErrors.map(e, "dynamodb:PutItem", region, "table " + table);
        }
    }

    @Override
    public List<WaveProgress> read(String region, String table, String rollout, String revision) {
        List<WaveProgress> progress = new ArrayList<>();
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :revision)")
                .expressionAttributeValues(Map.of(":pk", s(PARTITION_PREFIX + rollout), ":revision", s(revision + "#")))
                .build();
        try {
            for (QueryResponse page : clients.dynamoDb(region).queryPaginator(query)) {
                page.items().stream().filter(item -> revision.equals(text(item, "revision"))).map(SdkRolloutLedger::progress)
                        .forEach(progress::add);
            }
        } catch (SdkException e) {
            throw AwsErrors.map(e, "dynamodb:Query", region, "table " + table);
        }
        return progress;
    }

    private static WaveProgress progress(Map<String, AttributeValue> item) {
        AttributeValue next = item.get("nextBucket");
        return new WaveProgress(text(item, "rollout"), text(item, "revision"), text(item, "region"), text(item, "phase"),
                next == null ? null : Integer.valueOf(next.n()), text(item, "message"), Instant.parse(text(item, "updatedAt")));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}

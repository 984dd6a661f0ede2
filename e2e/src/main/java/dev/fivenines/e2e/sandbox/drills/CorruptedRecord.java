package dev.fivenines.e2e.sandbox.drills;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.fivenines.e2e.sandbox.Drill;
import dev.fivenines.e2e.sandbox.Sandbox;
import dev.fivenines.testing.aws.LocalCloud;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An access record is widened behind the service's back, straight in the table: the region's consistency CronJob, run
 * at once as a Job, finds it against the audit trail; put back, the check finds the tables consistent again.
 */
public final class CorruptedRecord implements Drill {

    static final String DEPLOYMENT = PrimaryRegionDown.PRIMARY;
    static final String RECORD = "alice-docs";
    static final String CRON_JOB = "auth-consistency-us-east-1";

    @Override
    public String name() {
        return "corrupted-record";
    }

    @Override
    public String breaks() {
        return "widens access record " + RECORD + " to every resource by writing the table directly in us-east-1: the region's "
                + "consistency CronJob (" + CRON_JOB + ", run now as a Job) reports it against the audit trail; put back, it reports "
                + "the tables consistent";
    }

    @Override
    public Report run(Sandbox sandbox) throws Exception {
        Report report = new Report(name());
        String authTable = sandbox.blueprint("auth").path("spec").path("storage").path("tablePrefix").asText("fivenines") + "-auth";
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("TENANT#" + sandbox.tenant()), "sk", AttributeValue.fromS("RECORD#" + RECORD));
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(sandbox.dynamoDbEndpoint("us-east-1")).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCloud.ACCESS_KEY_ID,
                        LocalCloud.SECRET_ACCESS_KEY))).build()) {
            Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(authTable).key(key).consistentRead(true)).item();
            if (item == null || item.isEmpty()) {
                throw new IllegalStateException("No access record " + RECORD + " of tenant " + sandbox.tenant() + " in " + authTable
                        + " (e2e/bin/run writes it)");
            }
            String resource = item.get("resource").s();
            Check before = check(sandbox, "before");
            report.saw("before: " + before);
            report.expect(before.exitCode() == 0, "the tables were consistent before the drill (exit " + before.exitCode() + ")");

            Instant corrupted = Instant.now();
            dynamo.updateItem(u -> u.tableName(authTable).key(key).updateExpression("SET #r = :wide")
                    .expressionAttributeNames(Map.of("#r", "resource")).expressionAttributeValues(Map.of(":wide", AttributeValue.fromS("/*"))));
            report.saw("access record " + RECORD + "'s resource set to /* straight in " + authTable + " (us-east-1), was " + resource);
            Check found;
            try {
                found = check(sandbox, "corrupted");
            } finally {
                dynamo.updateItem(u -> u.tableName(authTable).key(key).updateExpression("SET #r = :was")
                        .expressionAttributeNames(Map.of("#r", "resource")).expressionAttributeValues(Map.of(":was", AttributeValue.fromS(resource))));
            }
            report.saw("with the record widened: " + found);
            report.figure("corruption -> reported by the check", String.format("%.1f s (one Job)",
                    Duration.between(corrupted, found.finished()).toMillis() / 1000.0));
            report.expect(found.exitCode() == 1, "the check exits 1 (discrepancies) on the widened record (exit " + found.exitCode() + ")");
            report.expect(found.output().contains("state-differs") && found.output().contains("record:" + RECORD),
                    "the check names a state-differs discrepancy of record:" + RECORD);
            report.saw("access record " + RECORD + " put back");
            Check after = check(sandbox, "restored");
            report.saw("put back: " + after);
            report.expect(after.exitCode() == 0, "the check finds the tables consistent once the record is put back (exit " + after.exitCode() + ")");
        }
        return report;
    }

    record Check(int exitCode, String output, Instant finished) {
        @Override
        public String toString() {
            String line = output.strip().replaceAll("\\s+", " ");
            return "exit " + exitCode + ": " + (line.length() > 600 ? line.substring(0, 600) + "…" : line);
        }
    }

    /**
     * Runs the region's consistency CronJob now, as {@code kubectl create job --from=cronjob/auth-consistency-us-east-1}
     * does: a Job from its template (the operator's CronJob: the runtime's image, the holder deployment's settings, service
     * account and security context).
     */
    private static Check check(Sandbox sandbox, String label) throws InterruptedException {
        var cronJob = sandbox.kubernetes().batch().v1().cronjobs().inNamespace(sandbox.namespace()).withName(CRON_JOB).get();
        if (cronJob == null) {
            throw new IllegalStateException("No CronJob " + CRON_JOB + ": the operator creates one per region's tables "
                    + "(spec.consistency.runAs: CronJob, the default)");
        }
        String name = "drill-consistency-" + label + "-" + Long.toString(System.currentTimeMillis() % 100000);
        Job job = new JobBuilder().withNewMetadata().withName(name).withNamespace(sandbox.namespace())
                .addToLabels("app.kubernetes.io/part-of", "fivenines-drill").addToAnnotations("cronjob.kubernetes.io/instantiate", "manual")
                .endMetadata().withSpec(cronJob.getSpec().getJobTemplate().getSpec()).editSpec().withTtlSecondsAfterFinished(600)
                .withBackoffLimit(0).endSpec().build();
        sandbox.kubernetes().batch().v1().jobs().resource(job).create();
        Optional<Instant> done = Drill.until(Duration.ofMinutes(3), () -> terminated(sandbox, name).isPresent());
        if (done.isEmpty()) {
            return new Check(-1, "the Job " + name + " did not finish within 3 minutes", Instant.now());
        }
        Pod ran = pods(sandbox, name).get(0);
        int exit = terminated(sandbox, name).get().getExitCode();
        String log = sandbox.kubernetes().pods().inNamespace(sandbox.namespace()).withName(ran.getMetadata().getName()).getLog();
        return new Check(exit, log, done.get());
    }

    private static Optional<ContainerStateTerminated> terminated(Sandbox sandbox, String job) {
        return pods(sandbox, job).stream().filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
                .flatMap(p -> p.getStatus().getContainerStatuses().stream())
                .map(s -> s.getState() == null ? null : s.getState().getTerminated()).filter(t -> t != null).findFirst();
    }

    private static List<Pod> pods(Sandbox sandbox, String job) {
        return sandbox.kubernetes().pods().inNamespace(sandbox.namespace()).withLabel("job-name", job).list().getItems();
    }
}

package dev.fivenines.e2e.sandbox.drills;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.fivenines.e2e.sandbox.Drill;
import dev.fivenines.e2e.sandbox.RuntimeVersions;
import dev.fivenines.e2e.sandbox.Sandbox;
import dev.fivenines.e2e.sandbox.Traffic;

/**
 * A rollout of a bad runtime version (half its decisions fail): the gate halts it in the first bucket on the
 * authorization ratio, the bucket is rolled back, and the later buckets never run it.
 */
public final class BadVersion implements Drill {

    static final String FIRST_BUCKET = "auth-use1-acme";
    static final List<String> LATER_BUCKETS = List.of("auth-euw1-edge", "auth-usw2-backup", "auth-use1-primary");

    @Override
    public String name() {
        return "bad-version";
    }

    @Override
    public String breaks() {
        return "rolls out the drill's bad runtime version (half its decisions answer 500): the gate halts it in bucket 0 ("
                + FIRST_BUCKET + ") on the authorization ratio, bucket 0 is rolled back, the later buckets never run it; the "
                + "blueprint's version is then set back";
    }

    @Override
    public Report run(Sandbox sandbox) throws Exception {
        Report report = new Report(name());
        String original = sandbox.blueprint("auth").path("spec").path("runtime").path("version").asText();
        String bad = sandbox.faultVersion();
        Optional<Instant> completed = Drill.until(Duration.ofMinutes(2), () -> "Completed".equals(rollout(sandbox).path("phase").asText()));
        report.expect(completed.isPresent(), "the blueprint's last rollout was complete before the drill");
        if (completed.isEmpty()) {
            return report;
        }
        try (Traffic traffic = Traffic.start(sandbox, () -> FIRST_BUCKET)) {
            report.saw("decision traffic to " + FIRST_BUCKET + " (bucket 0); 20 s of it on " + original + " first");
            Thread.sleep(20000);
            Instant applied = Instant.now();
            setVersion(sandbox, bad);
            report.saw("spec.runtime.version set to " + bad + " (was " + original + ")");
            Optional<Instant> halted;
            Optional<Instant> rolledBack;
            Optional<Instant> badReady;
            Instant reverted;
            try {
                badReady = Drill.until(Duration.ofMinutes(4), () -> runs(sandbox, FIRST_BUCKET, bad));
                report.figure("bad version applied -> its pod Ready in bucket 0", Drill.seconds(applied, badReady));
                report.expect(badReady.isPresent(), "bucket 0 ran the bad version within 4 minutes");
                halted = Drill.until(Duration.ofMinutes(4), () -> "Halted".equals(rollout(sandbox).path("phase").asText()));
                report.figure("bad pod Ready -> rollout halted", badReady.map(t -> Drill.seconds(t, halted)).orElse("-"));
                report.expect(halted.isPresent(), "the gate halted the rollout within 4 minutes");
                report.saw("rollout: " + rollout(sandbox).path("message").asText());
                rolledBack = Drill.until(Duration.ofMinutes(4), () -> runs(sandbox, FIRST_BUCKET, original));
                report.figure("halt -> bucket 0 rolled back", halted.map(t -> Drill.seconds(t, rolledBack)).orElse("-"));
                report.expect(rolledBack.isPresent(), "bucket 0 runs " + original + " again within 4 minutes of the halt");
                for (String later : LATER_BUCKETS) {
                    report.expect(images(sandbox, later).stream().noneMatch(image -> image.endsWith(":" + bad)), later + " never ran the bad version");
                    report.expect(original.equals(sandbox.deployment(later).path("status").path("runtimeVersion").asText()),
                            later + " reports " + original);
                }
                List<String> reasons = sandbox.blueprintEventReasons("auth");
                report.expect(reasons.contains("Halted") && reasons.contains("RolledBack"), "the blueprint's events name Halted and RolledBack");
            } finally {
                setVersion(sandbox, original);
                reverted = Instant.now();
            }
            report.saw("spec.runtime.version set back to " + original + " (what a team's revert in Git does)");
            Optional<Instant> settled = Drill.until(Duration.ofMinutes(3), () -> "Completed".equals(rollout(sandbox).path("phase").asText())
                    && runs(sandbox, FIRST_BUCKET, original));
            report.figure("set back -> rollout Completed", Drill.seconds(reverted, settled));
            report.expect(settled.isPresent(), "the rollout settles as Completed on " + original + " after the revert");
            report.figure("decisions failed by bucket 0", traffic.failed() + " of " + (traffic.answered() + traffic.failed()));
            report.saw("traffic: " + traffic.summary());
        }
        return report;
    }

    private static JsonNode rollout(Sandbox sandbox) {
        return sandbox.blueprint("auth").path("status").path("rollout");
    }

    private static void setVersion(Sandbox sandbox, String version) {
        sandbox.kubernetes().genericKubernetesResources(Sandbox.BLUEPRINTS).inNamespace(sandbox.namespace()).withName("auth")
                .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                        "{\"spec\":{\"runtime\":{\"version\":\"" + version + "\"}}}");
    }

    private static boolean runs(Sandbox sandbox, String name, String version) {
        return RuntimeVersions.runs(sandbox.deployment(name), version);
    }

    private static List<String> images(Sandbox sandbox, String name) {
        return RuntimeVersions.imagesEverRun(sandbox.kubernetes(), sandbox.namespace(), name);
    }
}

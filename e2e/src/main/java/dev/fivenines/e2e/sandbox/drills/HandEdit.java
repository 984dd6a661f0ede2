package dev.fivenines.e2e.sandbox.drills;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.fivenines.e2e.sandbox.Drill;
import dev.fivenines.e2e.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** A managed Deployment and a Route 53 record edited by hand: both put back, each reported as drift. */
public final class HandEdit implements Drill {

    static final String DEPLOYMENT = PrimaryRegionDown.PRIMARY;

    @Override
    public String name() {
        return "hand-edit";
    }

    @Override
    public String breaks() {
        return "scales " + DEPLOYMENT + "'s Deployment by hand and points its Route 53 record at another target: the operator puts "
                + "both back and reports each as drift (events DriftCorrected)";
    }

    @Override
    public Report run(Sandbox sandbox) throws Exception {
        Report report = new Report(name());
        var deployments = sandbox.kubernetes().apps().deployments().inNamespace(sandbox.namespace()).withName(DEPLOYMENT);
        int declared = deployments.get().getSpec().getReplicas();
        long driftBefore = drift(sandbox);

        Instant edited = Instant.now();
        deployments.edit(d -> {
            d.getSpec().setReplicas(declared + 2);
            return d;
        });
        report.saw("kubectl scale deployment " + DEPLOYMENT + " --replicas=" + (declared + 2) + " (declared: " + declared + ")");
        Optional<Instant> putBack = Drill.until(Duration.ofSeconds(60), () -> {
            Deployment live = deployments.get();
            return live.getSpec().getReplicas() == declared;
        });
        report.figure("Deployment edit -> put back", Drill.seconds(edited, putBack));
        report.expect(putBack.isPresent(), "the operator put the replicas back within 60 s");
        Optional<Instant> reported = Drill.until(Duration.ofSeconds(30), () -> drift(sandbox) > driftBefore);
        report.expect(reported.isPresent(), "a DriftCorrected event reports the Deployment edit");

        String zone = sandbox.zoneId();
        String name = PrimaryRegionDown.RECORD + ".";
        ResourceRecordSet live = records(sandbox, name).stream().filter(r -> DEPLOYMENT.equals(r.setIdentifier())).findFirst()
                .orElseThrow(() -> new IllegalStateException("No record " + name + " of " + DEPLOYMENT + " in zone " + zone));
        List<String> values = live.resourceRecords().stream().map(ResourceRecord::value).toList();
        long recordDriftBefore = drift(sandbox);
        Instant changed = Instant.now();
        sandbox.route53().changeResourceRecordSets(c -> c.hostedZoneId(zone).changeBatch(b -> b.changes(ch -> ch.action(ChangeAction.UPSERT)
                .resourceRecordSet(live.toBuilder().resourceRecords(ResourceRecord.builder().value("hand-edited.example.com").build()).build()))));
        report.saw("Route 53 record " + name + " (" + DEPLOYMENT + ") pointed at hand-edited.example.com by hand (was " + values + ")");
        Optional<Instant> restored = Drill.until(Duration.ofSeconds(60), () -> records(sandbox, name).stream()
                .filter(r -> DEPLOYMENT.equals(r.setIdentifier())).anyMatch(r -> r.resourceRecords().stream().map(ResourceRecord::value)
                        .toList().equals(values)));
        report.figure("Route 53 record edit -> put back", Drill.seconds(changed, restored));
        report.expect(restored.isPresent(), "the operator put the record back within 60 s");
        Optional<Instant> recordReported = Drill.until(Duration.ofSeconds(30), () -> drift(sandbox) > recordDriftBefore);
        report.expect(recordReported.isPresent(), "a DriftCorrected event reports the record edit");
        report.saw("events of " + DEPLOYMENT + ": " + sandbox.eventReasons(DEPLOYMENT));
        return report;
    }

    /** DriftCorrected events of the deployment, counted with their repetitions. */
    private static long drift(Sandbox sandbox) {
        return sandbox.kubernetes().v1().events().inNamespace(sandbox.namespace()).list().getItems().stream()
                .filter(e -> DEPLOYMENT.equals(e.getInvolvedObject().getName()) && "DriftCorrected".equals(e.getReason()))
                .mapToLong(e -> e.getCount() == null ? 1 : e.getCount()).sum();
    }

    private static List<ResourceRecordSet> records(Sandbox sandbox, String name) {
        return sandbox.route53().listResourceRecordSets(l -> l.hostedZoneId(sandbox.zoneId()).startRecordName(name)).resourceRecordSets()
                .stream().filter(r -> r.name().equalsIgnoreCase(name)).toList();
    }
}

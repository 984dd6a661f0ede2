package dev.fivenines.e2e.sandbox.drills;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.fivenines.e2e.sandbox.DnsAnswer;
import dev.fivenines.e2e.sandbox.Drill;
import dev.fivenines.e2e.sandbox.Sandbox;
import dev.fivenines.e2e.sandbox.Traffic;

/** A planned evacuation of the primary ({@code spec.evacuate}) and its return: no request fails. */
public final class Evacuate implements Drill {

    @Override
    public String name() {
        return "evacuate";
    }

    @Override
    public String breaks() {
        return "sets spec.evacuate on " + PrimaryRegionDown.PRIMARY + ": its health check is inverted and Route 53 answers "
                + PrimaryRegionDown.RECORD + " with the backup, nothing deleted; cleared, the primary serves again; no request fails";
    }

    @Override
    public Report run(Sandbox sandbox) throws Exception {
        Report report = new Report(name());
        String primary = PrimaryRegionDown.PRIMARY;
        String backup = PrimaryRegionDown.BACKUP;
        DnsAnswer dns = new DnsAnswer(sandbox, PrimaryRegionDown.RECORD);
        Optional<Instant> steady = Drill.until(Duration.ofMinutes(3), () -> primary.equals(dns.deployment())
                && "Active".equals(sandbox.role(primary)));
        report.expect(steady.isPresent(), "before the drill Route 53 answers with the primary");
        if (steady.isEmpty()) {
            return report;
        }
        try (Traffic traffic = Traffic.start(sandbox, dns.resolvedEvery(Duration.ofSeconds(1)))) {
            Thread.sleep(5000);
            long failedBefore = traffic.failed();
            Instant asked = Instant.now();
            Optional<Instant> moved;
            Optional<Instant> shown;
            Instant cleared;
            sandbox.patchDeployment(primary, "{\"spec\":{\"evacuate\":true}}");
            report.saw("spec.evacuate set on " + primary);
            try {
                moved = Drill.until(Duration.ofMinutes(2), () -> backup.equals(dns.deployment()));
                shown = Drill.until(Duration.ofMinutes(1), () -> "Evacuated".equals(sandbox.role(primary)) && "Active".equals(sandbox.role(backup)));
                report.figure("evacuate -> Route 53 answers with the backup", Drill.seconds(asked, moved));
                report.figure("evacuate -> kubectl shows the primary Evacuated", Drill.seconds(asked, shown));
                report.expect(moved.isPresent() && shown.isPresent(), "the backup serves while the primary is evacuated");
                Thread.sleep(5000);
            } finally {
                cleared = Instant.now();
                sandbox.patchDeployment(primary, "{\"spec\":{\"evacuate\":null}}");
            }
            report.saw("spec.evacuate cleared");
            Optional<Instant> back = Drill.until(Duration.ofMinutes(2), () -> primary.equals(dns.deployment()));
            Optional<Instant> shownBack = Drill.until(Duration.ofMinutes(1), () -> "Active".equals(sandbox.role(primary)));
            report.figure("cleared -> Route 53 answers with the primary", Drill.seconds(cleared, back));
            report.figure("cleared -> kubectl shows the primary serving", Drill.seconds(cleared, shownBack));
            report.expect(back.isPresent() && shownBack.isPresent(), "the primary serves again once the evacuation is cleared");
            Thread.sleep(3000);
            long failed = traffic.failed() - failedBefore;
            report.figure("requests failed", failed + " of " + (traffic.answered() + traffic.failed()));
            report.saw("traffic: " + traffic.summary());
            report.expect(failed == 0, "no request failed during a planned evacuation");
            report.expect(traffic.answeredBy().getOrDefault(backup, 0L) > 0, "the backup answered while the primary was evacuated");
        }
        return report;
    }
}

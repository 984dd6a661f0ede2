package dev.fivenines.e2e.sandbox.drills;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.fivenines.e2e.sandbox.DnsAnswer;
import dev.fivenines.e2e.sandbox.Drill;
import dev.fivenines.e2e.sandbox.Sandbox;
import dev.fivenines.e2e.sandbox.Traffic;

/**
 * The primary region's storage stops: the primary's deep health fails, Route 53's checkers see it after interval x
 * threshold and answer the record with the backup; storage back, the record fails back.
 */
public final class PrimaryRegionDown implements Drill {

    static final String PRIMARY = "auth-use1-primary";
    static final String BACKUP = "auth-usw2-backup";
    static final String RECORD = "auth.example.com";
    static final String REGION = "us-east-1";

    @Override
    public String name() {
        return "primary-region-down";
    }

    @Override
    public String breaks() {
        return "stops " + REGION + "'s DynamoDB endpoint, the primary's whole storage chain: its deep health fails, Route 53 answers "
                + RECORD + " with the backup after interval x threshold, and with the primary again once the storage is back";
    }

    @Override
    public Report run(Sandbox sandbox) throws Exception {
        Report report = new Report(name());
        JsonNode check = sandbox.blueprint("auth").path("spec").path("healthCheck");
        int interval = check.path("intervalSeconds").asInt(30);
        int threshold = check.path("failureThreshold").asInt(3);
        DnsAnswer dns = new DnsAnswer(sandbox, RECORD);
        Optional<Instant> steady = Drill.until(Duration.ofMinutes(3), () -> PRIMARY.equals(dns.deployment())
                && "Active".equals(sandbox.role(PRIMARY)) && "Standby".equals(sandbox.role(BACKUP)));
        report.expect(steady.isPresent(), "before the drill Route 53 answers " + RECORD + " with the primary, and kubectl shows it Active");
        if (steady.isEmpty()) {
            return report;
        }
        report.saw("steady: Route 53 answers " + RECORD + " with " + PRIMARY + "; health check every " + interval + " s, threshold "
                + threshold + "; clients resolve the name again every second");
        try (Traffic traffic = Traffic.start(sandbox, dns.resolvedEvery(Duration.ofSeconds(1)))) {
            Thread.sleep(5000);
            long failedBefore = traffic.failed();
            Instant down = Instant.now();
            Optional<Instant> failedOver;
            Optional<Instant> shown;
            long failedAtSwitch;
            Instant up;
            sandbox.storage(REGION, false);
            report.saw(REGION + "'s DynamoDB endpoint stopped");
            try {
                failedOver = Drill.until(Duration.ofMinutes(3), () -> BACKUP.equals(dns.deployment()));
                shown = Drill.until(Duration.ofMinutes(1), () -> "FailedOver".equals(sandbox.role(PRIMARY)) && "Active".equals(sandbox.role(BACKUP)));
                report.figure("storage down -> Route 53 answers with the backup", Drill.seconds(down, failedOver)
                        + " (interval " + interval + " s x threshold " + threshold + " = " + interval * threshold + " s)");
                report.figure("storage down -> kubectl shows the backup serving", Drill.seconds(down, shown));
                report.expect(failedOver.isPresent(), "Route 53 failed over to the backup within 3 minutes");
                failedOver.ifPresent(t -> report.expect(Duration.between(down, t).toSeconds() <= (long) interval * (threshold + 2),
                        "the failover came within interval x (threshold + 2)"));
                report.expect(shown.isPresent(), "kubectl shows the primary FailedOver and the backup Active");
                report.saw("primary status: " + sandbox.deployment(PRIMARY).path("status").path("serving"));
                Thread.sleep(5000);
                failedAtSwitch = traffic.failed();
                Thread.sleep(10000);
                report.expect(traffic.failed() == failedAtSwitch, "no request failed once clients reached the backup");
            } finally {
                sandbox.storage(REGION, true);
                up = Instant.now();
            }
            report.saw(REGION + "'s DynamoDB endpoint listens again");
            Optional<Instant> back = Drill.until(Duration.ofMinutes(3), () -> PRIMARY.equals(dns.deployment()));
            Optional<Instant> shownBack = Drill.until(Duration.ofMinutes(1), () -> "Active".equals(sandbox.role(PRIMARY))
                    && "Standby".equals(sandbox.role(BACKUP)));
            report.figure("storage back -> Route 53 answers with the primary", Drill.seconds(up, back));
            report.figure("storage back -> kubectl shows the primary serving", Drill.seconds(up, shownBack));
            report.expect(back.isPresent() && shownBack.isPresent(), "the record failed back to the primary within 3 minutes");
            long failed = traffic.failed() - failedBefore;
            report.figure("requests failed", failed + " of " + (traffic.answered() + traffic.failed()) + " (clients on the primary "
                    + "before Route 53 answered with the backup)");
            report.saw("traffic: " + traffic.summary());
            report.expect(traffic.answeredBy().getOrDefault(BACKUP, 0L) > 0, "the backup answered requests while the primary was down");
            report.expect(traffic.wrong() == 0, "every decision answered was right (" + traffic.wrong() + " wrong)");
            report.expect(sandbox.eventReasons(PRIMARY).contains("FailedOver") && sandbox.eventReasons(PRIMARY).contains("FailedBack"),
                    "the primary's events name FailedOver and FailedBack");
        }
        return report;
    }
}

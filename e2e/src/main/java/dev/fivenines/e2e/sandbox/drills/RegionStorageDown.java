package dev.fivenines.e2e.sandbox.drills;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.fivenines.e2e.sandbox.Drill;
import dev.fivenines.e2e.sandbox.Sandbox;
import dev.fivenines.e2e.sandbox.Traffic;

/** The edge region's DynamoDB endpoint stops: the edge runtime reads through the next regions of its chain. */
public final class RegionStorageDown implements Drill {

    static final String EDGE = "auth-euw1-edge";
    static final String REGION = "eu-west-1";

    @Override
    public String name() {
        return "region-storage-down";
    }

    @Override
    public String breaks() {
        return "stops " + REGION + "'s DynamoDB endpoint under " + EDGE + " (chain " + REGION + " -> us-east-1 -> us-west-2): its runtime "
                + "reads through the next regions and keeps answering; when the endpoint is back, its reads return home";
    }

    @Override
    public Report run(Sandbox sandbox) throws Exception {
        Report report = new Report(name());
        double hopsBefore = hops(sandbox);
        report.saw("before: " + EDGE + " storage hops to other regions " + (long) hopsBefore + ", " + REGION + " breaker open "
                + breaker(sandbox));
        try (Traffic traffic = Traffic.start(sandbox, () -> EDGE)) {
            Thread.sleep(5000);
            long failedBefore = traffic.failed();
            Instant down = Instant.now();
            sandbox.storage(REGION, false);
            report.saw(REGION + "'s DynamoDB endpoint stopped; decisions and token grants keep going to " + EDGE);
            try {
                Optional<Instant> hopped = Drill.until(Duration.ofSeconds(60), () -> hops(sandbox) > hopsBefore);
                report.figure("storage down -> first read served by another region", Drill.seconds(down, hopped));
                report.expect(hopped.isPresent(), "the edge read through another region within 60 s");
                Thread.sleep(15000);
                report.saw("during the outage: " + EDGE + " deep health " + deepHealth(sandbox) + ", " + REGION + " breaker open "
                        + breaker(sandbox) + ", hops " + (long) hops(sandbox));
                report.expect(deepHealth(sandbox) == 200, EDGE + "'s deep health stays 200 while a region of its chain serves");
            } finally {
                sandbox.storage(REGION, true);
            }
            Instant up = Instant.now();
            report.saw(REGION + "'s DynamoDB endpoint listens again");
            // home again: the region's breaker closes, and no read goes elsewhere after that
            Optional<Instant> closed = Drill.until(Duration.ofSeconds(90), () -> breaker(sandbox) == 0);
            report.figure("storage back -> breaker closed, reads home", Drill.seconds(up, closed));
            report.expect(closed.isPresent(), REGION + "'s breaker closed within 90 s of the endpoint's return");
            double hopsHome = hops(sandbox);
            Thread.sleep(10000);
            report.expect(hops(sandbox) == hopsHome, "no read went to another region in the 10 s after the breaker closed ("
                    + (long) (hops(sandbox) - hopsHome) + " did)");
            long failed = traffic.failed() - failedBefore;
            report.figure("requests failed", failed + " of " + (traffic.answered() + traffic.failed()));
            report.saw("traffic: " + traffic.summary());
            long total = traffic.answered() + traffic.failed();
            report.expect(total > 0 && failed * 1000 <= total, "at least 99.9 % of requests answered while a region's storage was down");
            report.expect(traffic.wrong() == 0, "every decision answered was right (" + traffic.wrong() + " wrong)");
        }
        return report;
    }

    private static double hops(Sandbox sandbox) {
        try {
            String metrics = sandbox.metrics(EDGE);
            return Sandbox.sample(metrics, "fivenines_storage_hops_total", "region=\"us-east-1\"")
                    + Sandbox.sample(metrics, "fivenines_storage_hops_total", "region=\"us-west-2\"");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + EDGE + "'s metrics: " + e.getMessage(), e);
        }
    }

    private static long breaker(Sandbox sandbox) {
        try {
            return (long) Sandbox.sample(sandbox.metrics(EDGE), "fivenines_storage_breaker_open", "region=\"" + REGION + "\"");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + EDGE + "'s metrics: " + e.getMessage(), e);
        }
    }

    private static int deepHealth(Sandbox sandbox) throws Exception {
        return sandbox.http().send(HttpRequest.newBuilder(URI.create("http://" + sandbox.door(EDGE) + "/q/health/deep"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

package dev.fivenines.auth.consistency;

import java.time.Clock;

import dev.fivenines.auth.metrics.OwnedMeters;
import org.jboss.logging.Logger;

import dev.fivenines.auth.storage.AuthStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Runs the consistency check of every tenant inside the runtime, every {@code fivenines.consistency.interval}
 * (default {@code 1h}; {@code off} disables it), the first time {@code fivenines.consistency.initial-delay} (default
 * {@code 10m}) after start, so a start, and a test, is not slowed by a full read of both tables. The delay has a
 * property of its own because the scheduler reads {@code delayed} as a duration even when {@code every} is off.
 *
 * <p>Exports {@code fivenines.consistency.discrepancies} (a gauge: what the last completed check found, NaN before the
 * first) and {@code fivenines.consistency.runs} (a counter tagged {@code outcome}: {@code consistent},
 * {@code discrepancies} or {@code failed}). Every replica runs its own check; with many replicas, prefer the CronJob
 * ({@link ConsistencyCheckMain}) and set the interval to {@code off}.
 */
@Startup
@ApplicationScoped
public class ScheduledConsistencyValidation {

    static final String JOB = "consistency-validation";

    private static final Logger LOG = Logger.getLogger(ScheduledConsistencyValidation.class);
    private static final int LOGGED_DISCREPANCIES = 20;

    private ConsistencyCheck check;
    private Counter consistent;
    private Counter inconsistent;
    private Counter failed;
    private volatile double discrepancies = Double.NaN;

    /** For the container's client proxy only. */
    protected ScheduledConsistencyValidation() {
    }

    @Inject
    ScheduledConsistencyValidation(AuthStore store, Clock clock, MeterRegistry meters, ConsistencySettings settings) {
        this.check = new ConsistencyCheck(store, clock);
        OwnedMeters.forget(meters, "fivenines.consistency.discrepancies");
        Gauge.builder("fivenines.consistency.discrepancies", this, validation -> validation.discrepancies)
                .description("Discrepancies between the auth table and the audit trail found by the last completed check (NaN before the first)")
                .register(meters);
        this.consistent = runs(meters, "consistent");
        this.inconsistent = runs(meters, "discrepancies");
        this.failed = runs(meters, "failed");
        if (settings.off()) {
            LOG.info("consistency validation is off (fivenines.consistency.interval)");
        } else {
            LOG.infof("consistency validation every %s, the first %s after start", settings.interval(), settings.initialDelay());
        }
    }

    private static Counter runs(MeterRegistry meters, String outcome) {
        return Counter.builder("fivenines.consistency.runs").description("Consistency checks run inside the runtime, by outcome")
                .tag("outcome", outcome).register(meters);
    }

    @Scheduled(identity = JOB, every = "${fivenines.consistency.interval:1h}", delayed = "${fivenines.consistency.initial-delay:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void validate() {
        ConsistencyReport report;
        try {
            report = check.checkAllTenants();
        } catch (RuntimeException e) {
            failed.increment();
            LOG.errorf(e, "consistency check failed, the last result stays exported: %s", e.getMessage());
            return;
        }
        discrepancies = report.discrepancies().size();
        if (report.consistent()) {
            consistent.increment();
            LOG.infof("consistency check: %d tenants, %d items and %d audit entries agree (%d ms)", report.tenantsChecked(),
                    report.itemsChecked(), report.auditEntriesRead(), report.durationMillis());
            return;
        }
        inconsistent.increment();
        LOG.warnf("consistency check: %d discrepancies in %d tenants (%d items, %d audit entries, %d ms)", report.discrepancies().size(),
                report.tenantsChecked(), report.itemsChecked(), report.auditEntriesRead(), report.durationMillis());
        report.discrepancies().stream().limit(LOGGED_DISCREPANCIES).forEach(d -> LOG.warnf("consistency discrepancy tenant=%s kind=%s target=%s: %s",
                d.tenant(), d.kind().label(), d.target(), d.detail()));
        if (report.discrepancies().size() > LOGGED_DISCREPANCIES) {
            LOG.warnf("%d more discrepancies not logged; run ConsistencyCheckMain for the full report",
                    report.discrepancies().size() - LOGGED_DISCREPANCIES);
        }
    }
}

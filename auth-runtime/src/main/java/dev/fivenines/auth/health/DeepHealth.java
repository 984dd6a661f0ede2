package dev.fivenines.auth.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.fivenines.auth.authz.TenantModel;
import dev.fivenines.auth.config.DeploymentIdentity;

/**
 * Runs the deep health check (storage, token, model, decision; each step runs even when an earlier one
 * failed, so the report shows everything that is wrong) and shares its result. A report younger than {@code reuseFor} is answered
 * again, so Route 53 checkers in many locations cost one check a second. At most one check runs at a time,
 * on one thread; callers wait for it without holding a thread, and a check that takes longer than
 * {@code deadline} is answered as DOWN naming the step it was stuck in, so a slow dependency cannot pile
 * up threads.
 */
public final class DeepHealth {

    private static final Logger LOG = Logger.getLogger(DeepHealth.class);

    private final HealthSteps steps;
    private final String region;
    private final DeploymentIdentity identity;
    private final Duration reuseFor;
    private final Duration deadline;
    private final Clock clock;
    private final Executor worker;
    private CompletableFuture<HealthReport> current;
    private Instant currentStartedAt;
    private volatile String runningStep = "none";

    DeepHealth(HealthSteps steps, String region, DeploymentIdentity identity, Duration reuseFor, Duration deadline, Clock clock,
            Executor worker) {
        this.steps = steps;
        this.region = region;
        this.identity = identity;
        this.reuseFor = reuseFor;
        this.deadline = deadline;
        this.clock = clock;
        this.worker = worker;
    }

    /** The latest report, or the one being made. Never fails; never waits longer than the deadline. */
    public CompletionStage<HealthReport> report() {
        CompletableFuture<HealthReport> check;
        synchronized (this) {
            Instant now = clock.instant();
            boolean fresh = current != null && (!current.isDone() || currentStartedAt.plus(reuseFor).isAfter(now));
            if (!fresh) {
                currentStartedAt = now;
                current = CompletableFuture.supplyAsync(this::run, worker);
            }
            check = current;
        }
        return check.copy().completeOnTimeout(null, deadline.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(report -> report != null ? report : stuck());
    }

    private HealthReport stuck() {
        String step = runningStep;
        return HealthReport.of(region, identity, clock.instant(), List.of(new HealthReport.Step(step, false, deadline.toMillis(),
                "still running after " + deadline.toMillis() + " ms")));
    }

    HealthReport run() {
        List<HealthReport.Step> done = new ArrayList<>();
        Instant started = clock.instant();
        step(done, "storage", steps::storage);
        step(done, "token", steps::token);
        TenantModel[] model = new TenantModel[1];
        if (step(done, "model", () -> {
            model[0] = steps.model();
            return model[0].recordCount() + " canary record(s), no problems";
        })) {
            step(done, "decision", () -> steps.decision(model[0]));
        }
        runningStep = "none";
        HealthReport report = HealthReport.of(region, identity, started, done);
        if (!report.up()) {
            LOG.warnf("deep health check failed at step %s: %s", report.failedStep(),
                    done.stream().filter(s -> !s.ok()).findFirst().map(HealthReport.Step::detail).orElse(""));
        }
        return report;
    }

    @FunctionalInterface
    interface Body {
        String run() throws Exception;
    }

    private boolean step(List<HealthReport.Step> done, String name, Body body) {
        runningStep = name;
        long start = System.nanoTime();
        try {
            String detail = body.run();
            done.add(new HealthReport.Step(name, true, millisSince(start), detail));
            return true;
        } catch (Exception | LinkageError e) {
            done.add(new HealthReport.Step(name, false, millisSince(start), e.getClass().getSimpleName() + ": " + e.getMessage()));
            return false;
        }
    }

    private static double millisSince(long start) {
        return Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;
    }
}

package dev.fivenines.operator.rollout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.BucketPhase;
import dev.fivenines.api.v1alpha1.RolloutBaseline;
import dev.fivenines.api.v1alpha1.RolloutBucketStatus;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.api.v1alpha1.RolloutStatus;
import dev.fivenines.api.v1alpha1.Verdict;
import dev.fivenines.operator.rollout.RolloutEvent.Reason;
import dev.fivenines.operator.rollout.RolloutInput.BucketInput;

/** One step of {@link RolloutMachine}: works on a copy of the previous status and collects the events. */
final class RolloutRun {

    private final RolloutStatus previous;
    private final RolloutInput input;
    private final RolloutSettings settings;
    private final String target;
    private final Instant now;
    private final List<RolloutEvent> events = new ArrayList<>();
    private RolloutStatus next;
    /** A bucket given the revision again in this step: its gate is first read at the next step, like a starting one's. */
    private RolloutBucketStatus retried;

    RolloutRun(RolloutStatus previous, RolloutInput input, Instant now) {
        this.previous = previous;
        this.input = input;
        this.settings = input.settings();
        this.target = input.targetRevision();
        this.now = now;
    }

    RolloutStep run() {
        if (previous == null) {
            firstRollout();
        } else {
            next = StatusCopy.of(previous);
            BucketMembership.sync(next, input.buckets());
            if (!target.equals(next.getRevision())) {
                freshRollout();
            } else if (input.abort()) {
                stops().abort();
            } else if (input.retry() && next.getPhase() == RolloutPhase.Halted) {
                retried = stops().retry();
                if (retried != null) {
                    retried.setWaitingSince(now.toString());
                }
            }
            advance();
            pauseEvents();
        }
        next.setBucket(Progress.position(next));
        next.setWave(input.waves().position());
        return new RolloutStep(next, events, Progress.requeueAfter(next, settings, now));
    }

    // --- starting a rollout ---------------------------------------------------------------------------------------

    private void firstRollout() {
        next = new RolloutStatus();
        next.setRevision(target);
        next.setStartedAt(now.toString());
        next.setSkippedBuckets(false);
        List<RolloutBucketStatus> buckets = new ArrayList<>();
        for (BucketInput seen : input.buckets()) {
            RolloutBucketStatus bucket = new RolloutBucketStatus();
            bucket.setBucket(seen.bucket());
            bucket.setDeployments(new ArrayList<>(seen.names()));
            bucket.setRevision(target);
            bucket.setPhase(BucketPhase.Passed);
            buckets.add(bucket);
        }
        next.setBuckets(buckets);
        complete(": the blueprint's first revision, rolled out at once (nothing to protect yet)");
    }

    private void freshRollout() {
        String replaced = next.getPhase() == RolloutPhase.Completed ? null : next.getRevision();
        for (RolloutBucketStatus bucket : next.getBuckets()) {
            bucket.setPreviousRevision(provenRevision(bucket));
            bucket.setPhase(BucketPhase.Pending);
            bucket.setReadySince(null);
            bucket.setBaseline(null);
            bucket.setBaselineOutcomes(null);
            Buckets.clearGate(bucket);
        }
        next.setRevision(target);
        next.setStartedAt(now.toString());
        next.setSkippedBuckets(false);
        next.setPhase(RolloutPhase.Progressing);
        events.add(new RolloutEvent(Reason.Started, "rollout of revision " + target + " started over " + next.getBuckets().size()
                + " buckets, lowest first" + (replaced == null ? "" : ", replacing the rollout of revision " + replaced)));
    }

    /** What a bucket last ran to the end of its turn: where it goes back to should this rollout fail in it. */
    private static String provenRevision(RolloutBucketStatus bucket) {
        boolean finished = bucket.getPhase() == BucketPhase.Passed || bucket.getPhase() == BucketPhase.RolledBack;
        return finished || bucket.getPreviousRevision() == null ? bucket.getRevision() : bucket.getPreviousRevision();
    }

    // --- moving on ------------------------------------------------------------------------------------------------

    private void advance() {
        if (next.getPhase() == RolloutPhase.Halted || next.getPhase() == RolloutPhase.Completed) {
            return;
        }
        if (skipping() || (settings.skipBuckets() && !settings.paused())) {
            advanceSkipped();
            return;
        }
        while (true) {
            RolloutBucketStatus bucket = Progress.current(next);
            if (bucket == null) {
                complete("");
                return;
            }
            BucketInput seen = seen(bucket);
            switch (bucket.getPhase()) {
                case Pending, Waiting -> {
                    if (settings.paused()) {
                        next.setPhase(RolloutPhase.Paused);
                        next.setMessage("paused: " + Buckets.subject(bucket) + " starts when spec.rollout.paused is false");
                        return;
                    }
                    if (!start(bucket, seen)) {
                        next.setPhase(RolloutPhase.Progressing);
                        return;
                    }
                }
                case Progressing, Baking -> {
                    observeReadiness(bucket, seen);
                    if (bucket != retried && (seen.window() != null || seen.windowFailure() != null)
                            && !Progress.nextReading(bucket, settings, now).isAfter(now) && read(bucket, seen)) {
                        return;
                    }
                    if (bucket != retried && missedDeadline(bucket, seen)) {
                        return;
                    }
                    if (bucket.getPhase() != BucketPhase.Baking || !baked(bucket) || bucket.getVerdict() != Verdict.Pass) {
                        next.setPhase(settings.paused() ? RolloutPhase.Paused : RolloutPhase.Progressing);
                        return;
                    }
                    pass(bucket);
                }
                default -> {
                    next.setPhase(RolloutPhase.Halted);
                    return;
                }
            }
        }
    }

    /** Gives the bucket the revision; true when it already ran it, so its turn is over at once. */
    private boolean start(RolloutBucketStatus bucket, BucketInput seen) {
        if (target.equals(bucket.getRevision())) {
            bucket.setPhase(BucketPhase.Passed);
            return true;
        }
        java.util.Optional<String> hold = input.waves().hold(bucket.getBucket(), target);
        if (hold.isPresent()) {
            next.setMessage(Buckets.subject(bucket) + ", " + Buckets.place(next, bucket) + ": " + hold.get());
            if (bucket.getPhase() != BucketPhase.Waiting) {
                bucket.setPhase(BucketPhase.Waiting);
                events.add(new RolloutEvent(Reason.WaitingForWave, next.getMessage()));
            }
            return false;
        }
        bucket.setRevision(target);
        bucket.setPhase(BucketPhase.Progressing);
        bucket.setReadySince(null);
        bucket.setWaitingSince(now.toString());
        Buckets.clearGate(bucket);
        Baseline baseline = Baseline.measured(seen.recent() == null ? OutcomeCounts.NONE : seen.recent());
        bucket.setBaseline(Buckets.format(baseline.ratio()));
        bucket.setBaselineOutcomes(baseline.outcomes());
        next.setMessage(Buckets.subject(bucket) + ", " + Buckets.place(next, bucket) + ": rolling out revision " + target
                + "; waiting for its deployments to be Ready");
        return false;
    }

    private void observeReadiness(RolloutBucketStatus bucket, BucketInput seen) {
        boolean ready = seen.readyAt(bucket.getRevision());
        if (bucket.getPhase() == BucketPhase.Progressing && ready) {
            bucket.setPhase(BucketPhase.Baking);
            bucket.setReadySince(now.toString());
            bucket.setWaitingSince(now.toString());
            next.setMessage(Buckets.subject(bucket) + ", " + Buckets.place(next, bucket) + ": every deployment Ready at revision " + target
                    + "; baking " + settings.bake().toSeconds() + " s with the gate passing");
        } else if (bucket.getPhase() == BucketPhase.Baking && !ready) {
            bucket.setPhase(BucketPhase.Progressing);
            bucket.setReadySince(null);
            bucket.setWaitingSince(now.toString());
            List<String> waiting = seen.deployments().stream().filter(d -> !d.ready() || !bucket.getRevision().equals(d.revision()))
                    .map(RolloutInput.DeploymentInput::name).toList();
            next.setMessage(Buckets.subject(bucket) + ": " + String.join(", ", waiting) + " no longer Ready at revision " + target
                    + "; the bake starts again once every deployment is");
        }
    }

    /** Takes a reading of the gate; true when it halted the rollout. */
    private boolean read(RolloutBucketStatus bucket, BucketInput seen) {
        GateResult result = seen.windowFailure() != null ? Gate.unreadable(Buckets.subject(bucket), seen.windowFailure())
                : Gate.evaluate(Buckets.subject(bucket), seen.window(), baseline(bucket), settings);
        // an inconclusive reading that saw what the last one saw changes nothing: the status is not rewritten for it
        boolean sameAsBefore = result.verdict() == Verdict.Inconclusive && bucket.getVerdict() == Verdict.Inconclusive
                && java.util.Objects.equals(bucket.getOutcomes(), result.outcomes());
        bucket.setRatio(Buckets.format(result.ratio()));
        bucket.setAllowed(Buckets.format(result.allowed()));
        bucket.setOutcomes(result.outcomes());
        bucket.setVerdict(result.verdict());
        if (!sameAsBefore) {
            bucket.setLastWindowAt(now.toString());
        }
        if (bucket.getPhase() == BucketPhase.Baking && result.verdict() != Verdict.Inconclusive) {
            bucket.setWaitingSince(now.toString());
        }
        int failed = bucket.getFailedWindows() == null ? 0 : bucket.getFailedWindows();
        switch (result.verdict()) {
            case Pass -> {
                failed = 0;
                next.setMessage("passing: " + result.reason()
                        + (bucket.getPhase() == BucketPhase.Baking ? "" : "; waiting for every deployment to be Ready"));
            }
            case Fail -> {
                failed++;
                next.setMessage("failing window " + failed + " of " + settings.failedWindowsToHalt() + ": " + result.reason());
            }
            case Inconclusive -> next.setMessage("waiting: " + result.reason());
        }
        bucket.setFailedWindows(failed);
        if (failed >= settings.failedWindowsToHalt()) {
            stops().halt(bucket, result.reason());
            return true;
        }
        return false;
    }

    /**
     * Halts the rollout when the bucket missed its progress deadline; true when it did. The deadline is not counted
     * while paused: a pause's end (or a bucket found without a clock) starts the clock again.
     */
    private boolean missedDeadline(RolloutBucketStatus bucket, BucketInput seen) {
        if (settings.paused()) {
            return false;
        }
        if (bucket.getWaitingSince() == null || previous.getPhase() == RolloutPhase.Paused) {
            bucket.setWaitingSince(now.toString());
            return false;
        }
        Optional<String> reason = ProgressDeadline.missed(bucket, seen, settings, now);
        reason.ifPresent(why -> stops().halt(bucket, why));
        return reason.isPresent();
    }

    private Baseline baseline(RolloutBucketStatus bucket) {
        return settings.baseline() == RolloutBaseline.Floor ? Baseline.floor(settings.floor())
                : Baseline.recorded(bucket.getBaseline(), bucket.getBaselineOutcomes());
    }

    /** The bake time is over, and the gate was last read while every deployment was Ready. */
    private boolean baked(RolloutBucketStatus bucket) {
        if (bucket.getReadySince() == null || bucket.getLastWindowAt() == null) {
            return false;
        }
        Instant readySince = Instant.parse(bucket.getReadySince());
        return !now.isBefore(readySince.plus(settings.bake())) && !Instant.parse(bucket.getLastWindowAt()).isBefore(readySince);
    }

    private void pass(RolloutBucketStatus bucket) {
        bucket.setPhase(BucketPhase.Passed);
        RolloutBucketStatus following = Progress.current(next);
        if (following != null) {
            events.add(new RolloutEvent(Reason.Promoted, Buckets.subject(bucket) + " passed: ratio " + bucket.getRatio()
                    + " at or above the allowed " + bucket.getAllowed() + " after baking " + settings.bake().toSeconds() + " s; "
                    + Buckets.subject(following) + " is next"));
        }
    }

    private void complete(String why) {
        next.setPhase(RolloutPhase.Completed);
        next.setStableRevision(target);
        next.setMessage("revision " + target + " runs in every bucket (" + next.getBuckets().size() + ")" + why);
        events.add(new RolloutEvent(Reason.Completed, next.getMessage()));
    }

    private RolloutStops stops() {
        return new RolloutStops(next, target, settings, events);
    }

    // --- skipping buckets -----------------------------------------------------------------------------------------

    private void advanceSkipped() {
        for (RolloutBucketStatus bucket : next.getBuckets()) {
            if (!target.equals(bucket.getRevision())) {
                bucket.setRevision(target);
                bucket.setReadySince(null);
                Buckets.clearGate(bucket);
                bucket.setPhase(BucketPhase.Progressing);
            } else if (bucket.getPhase() != BucketPhase.Passed) {
                bucket.setPhase(BucketPhase.Progressing);
            }
        }
        if (!skipping()) {
            next.setSkippedBuckets(true);
            events.add(new RolloutEvent(Reason.Skipped, "spec.rollout.skipBuckets: revision " + target + " goes to every bucket at once ("
                    + next.getBuckets().size() + "), without the gate"));
        }
        for (RolloutBucketStatus bucket : next.getBuckets()) {
            if (bucket.getPhase() != BucketPhase.Passed && seen(bucket).readyAt(target)) {
                bucket.setPhase(BucketPhase.Passed);
                bucket.setReadySince(now.toString());
            }
        }
        long ready = next.getBuckets().stream().filter(b -> b.getPhase() == BucketPhase.Passed).count();
        if (ready == next.getBuckets().size()) {
            complete(", every bucket at once (spec.rollout.skipBuckets)");
            return;
        }
        next.setPhase(RolloutPhase.Progressing);
        next.setMessage("skipping buckets (spec.rollout.skipBuckets): revision " + target + " goes to every bucket at once; " + ready + " of "
                + next.getBuckets().size() + " buckets Ready");
    }

    private boolean skipping() {
        return Boolean.TRUE.equals(next.getSkippedBuckets());
    }

    // --- reporting ------------------------------------------------------------------------------------------------

    private void pauseEvents() {
        if (previous.getPhase() != RolloutPhase.Paused && next.getPhase() == RolloutPhase.Paused) {
            RolloutBucketStatus bucket = Progress.current(next);
            events.add(new RolloutEvent(Reason.Paused, "spec.rollout.paused: no bucket starts"
                    + (bucket != null && bucket.getPhase() != BucketPhase.Pending
                            ? "; " + Buckets.subject(bucket) + " keeps revision " + target + " and its gate is still read" : "")));
        } else if (previous.getPhase() == RolloutPhase.Paused && next.getPhase() == RolloutPhase.Progressing) {
            events.add(new RolloutEvent(Reason.Resumed, "spec.rollout.paused is false: the rollout of revision " + target + " goes on"));
        }
    }

    private BucketInput seen(RolloutBucketStatus bucket) {
        return input.buckets().stream().filter(b -> b.bucket() == bucket.getBucket()).findFirst().orElseThrow();
    }
}

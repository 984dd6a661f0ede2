package dev.fivenines.operator.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.fivenines.api.v1alpha1.RolloutBucketStatus;
import dev.fivenines.api.v1alpha1.RolloutStatus;
import dev.fivenines.operator.rollout.RolloutInput.BucketInput;
import dev.fivenines.operator.rollout.RolloutInput.DeploymentInput;
import dev.fivenines.testing.MutableClock;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Drives {@link RolloutMachine} the way a reconciler would: buckets of deployments that run what they are
 * given once {@link #converge()} says so, gate windows and baselines set by hand, a clock moved by hand. Every
 * step starts from the status as it would come back from the API server (a JSON round trip), so nothing but
 * the status carries over.
 */
final class RolloutScenario {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    final MutableClock clock = new MutableClock(T0);
    RolloutSettings settings = RolloutSettings.defaults();
    RolloutStatus status;
    RolloutStep last;
    boolean abort;
    boolean retry;
    EarlierWaves waves = EarlierWaves.NONE;

    private final Map<Integer, Map<String, DeploymentInput>> buckets = new TreeMap<>();
    private final Map<Integer, OutcomeCounts> windows = new TreeMap<>();
    private final Map<Integer, OutcomeCounts> recent = new TreeMap<>();
    private final Map<Integer, String> failures = new TreeMap<>();

    static OutcomeCounts counts(long successes, long failures) {
        return new OutcomeCounts(Map.of("decision/success", successes, "decision/failed", failures));
    }

    RolloutScenario bucket(int bucket, String... deployments) {
        Map<String, DeploymentInput> members = buckets.computeIfAbsent(bucket, b -> new LinkedHashMap<>());
        for (String name : deployments) {
            members.put(name, new DeploymentInput(name, false, null));
        }
        return this;
    }

    void remove(int bucket) {
        buckets.remove(bucket);
    }

    /** Every deployment runs, Ready, the revision the last step gave its bucket (as the reconciler would bring about). */
    void converge() {
        buckets.forEach((bucket, members) -> members.replaceAll((name, d) -> new DeploymentInput(name, true, last.revisionOf(bucket).orElseThrow())));
    }

    void deployment(String name, boolean ready, String revision) {
        buckets.values().stream().filter(m -> m.containsKey(name)).forEach(m -> m.put(name, new DeploymentInput(name, ready, revision)));
    }

    /** What the bucket's pods counted over the last window, on the revision it is given. */
    void window(int bucket, OutcomeCounts counts) {
        windows.put(bucket, counts);
    }

    /** What the bucket's pods counted over the last baselineSeconds on the revision they run. */
    void recent(int bucket, OutcomeCounts counts) {
        recent.put(bucket, counts);
    }

    /** The bucket's window could not be read, for this reason (null: it can again). */
    void unreadable(int bucket, String failure) {
        failures.put(bucket, failure);
    }

    /** The same window for every bucket from now on. */
    void everyWindow(OutcomeCounts counts) {
        buckets.keySet().forEach(b -> windows.put(b, counts));
    }

    void everyRecent(OutcomeCounts counts) {
        buckets.keySet().forEach(b -> recent.put(b, counts));
    }

    void advance(Duration by) {
        clock.advance(by);
    }

    RolloutInput input(String target) {
        List<BucketInput> present = new ArrayList<>();
        buckets.forEach((bucket, members) -> present.add(new BucketInput(bucket, List.copyOf(members.values()), windows.get(bucket),
                recent.get(bucket), failures.get(bucket))));
        return new RolloutInput(target, settings, present, abort, retry, waves);
    }

    RolloutStep step(String target) {
        RolloutStatus stored = status == null ? null : JSON.unmarshal(JSON.asJson(status), RolloutStatus.class);
        last = RolloutMachine.step(stored, input(target), clock.instant());
        status = last.status();
        return last;
    }

    /** Steps every analysis interval for as long as given, with the deployments converging after each step. */
    void run(String target, Duration howLong) {
        Instant until = clock.instant().plus(howLong);
        while (clock.instant().isBefore(until)) {
            step(target);
            converge();
            advance(settings.interval());
        }
    }

    RolloutBucketStatus bucketStatus(int bucket) {
        return status.getBuckets().stream().filter(b -> b.getBucket() == bucket).findFirst().orElseThrow();
    }

    List<String> reasons() {
        return last.events().stream().map(e -> e.reason().name()).toList();
    }
}

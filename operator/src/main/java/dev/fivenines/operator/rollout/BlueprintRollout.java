package dev.fivenines.operator.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.Phase;
import dev.fivenines.api.v1alpha1.RolloutPrometheus;
import dev.fivenines.api.v1alpha1.RolloutSpec;
import dev.fivenines.api.v1alpha1.RolloutStatus;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One step of a blueprint's rollout: reads the buckets' outcomes (from the pods, {@link PodOutcomes}, or from the
 * Prometheus server the blueprint names, {@link PrometheusOutcomes}), groups this operator's deployments into
 * buckets, reads what the earlier region waves did ({@link RegionWaves}), and asks the {@link RolloutMachine} what
 * comes next. Requests made with {@code kubectl fivenines rollout} arrive as annotations naming the revision they are for.
 */
@ApplicationScoped
public class BlueprintRollout {

    public static final String PAUSE = "rollout.fivenines.dev/pause";
    public static final String ABORT = "rollout.fivenines.dev/abort";
    public static final String RETRY = "rollout.fivenines.dev/retry";

    private final PodOutcomes outcomes;
    private final PrometheusOutcomes prometheus;
    private final RegionWaves waves;

    public BlueprintRollout(PodOutcomes outcomes, PrometheusOutcomes prometheus, RegionWaves waves) {
        this.outcomes = outcomes;
        this.prometheus = prometheus;
        this.waves = waves;
    }

    public RolloutStep advance(AuthBlueprint blueprint, String revision, Collection<AuthDeployment> deployments, Collection<Pod> pods,
            Instant now) {
        RolloutSettings settings = settings(blueprint);
        String key = blueprint.getMetadata().getNamespace() + "/" + blueprint.getMetadata().getName();
        OutcomeSource source = gateData(blueprint, key, pods, settings, now);
        RolloutStatus previous = blueprint.getStatus() == null ? null : blueprint.getStatus().getRollout();

        Map<Integer, List<AuthDeployment>> byBucket = new TreeMap<>();
        deployments.forEach(d -> byBucket.computeIfAbsent(Objects.requireNonNullElse(d.getSpec().getRolloutBucket(), 0),
                b -> new ArrayList<>()).add(d));
        List<String> all = names(deployments);
        List<RolloutInput.BucketInput> buckets = new ArrayList<>();
        byBucket.forEach((bucket, members) -> {
            List<RolloutInput.DeploymentInput> inputs = members.stream().map(BlueprintRollout::input).toList();
            String assigned = AssignedRevision.of(previous, bucket, revision);
            String running = inputs.stream().map(RolloutInput.DeploymentInput::revision).filter(Objects::nonNull).findFirst().orElse(assigned);
            OutcomeReading recent = source.over(names(members), running, settings.baselineWindow(), now);
            if (recent.total() < settings.minOutcomes()) {
                // too few of its own (its pods were just replaced, e.g. by a rollback): the same revision's outcomes on
                // every deployment of the blueprint that runs it stand in for the baseline
                recent = source.over(all, running, settings.baselineWindow(), now);
            }
            OutcomeReading window = source.over(names(members), assigned, settings.window(), now);
            buckets.add(new RolloutInput.BucketInput(bucket, inputs, window.counts(), recent.counts(), window.failure()));
        });
        String rolling = previous == null ? null : previous.getRevision();
        boolean abort = rolling != null && rolling.equals(annotation(blueprint, ABORT));
        boolean retry = rolling != null && rolling.equals(annotation(blueprint, RETRY));
        EarlierWaves earlier = waves.earlier(blueprint, revision, previous);
        return RolloutMachine.step(previous, new RolloutInput(revision, settings, buckets, abort, retry, earlier), now);
    }

    /** The blueprint's rollout settings; a pause asked for with the plugin counts as spec.rollout.paused. */
    public static RolloutSettings settings(AuthBlueprint blueprint) {
        RolloutSettings s = RolloutSettings.of(blueprint.getSpec().getRollout());
        if (!"true".equals(annotation(blueprint, PAUSE)) || s.paused()) {
            return s;
        }
        return new RolloutSettings(s.bake(), s.window(), s.interval(), s.minOutcomes(), s.allowance(), s.baseline(), s.baselineWindow(),
                s.floor(), s.failedWindowsToHalt(), s.autoRollback(), true, s.skipBuckets(), s.progressDeadline());
    }

    private static String annotation(AuthBlueprint blueprint, String name) {
        Map<String, String> annotations = blueprint.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(name);
    }

    private static RolloutInput.DeploymentInput input(AuthDeployment deployment) {
        var status = deployment.getStatus();
        return new RolloutInput.DeploymentInput(deployment.getMetadata().getName(), status != null && status.getPhase() == Phase.Ready,
                status == null ? null : status.getBlueprintRevision());
    }

    /** The blueprint's Prometheus when it names one, else its pods, scraped now (the samples kept as long as a baseline needs). */
    private OutcomeSource gateData(AuthBlueprint blueprint, String key, Collection<Pod> pods, RolloutSettings settings, Instant now) {
        RolloutSpec rollout = blueprint.getSpec().getRollout();
        RolloutPrometheus server = rollout == null || rollout.getAnalysis() == null ? null : rollout.getAnalysis().getPrometheus();
        if (server != null) {
            outcomes.forget(key);
            return prometheus.source(server);
        }
        outcomes.scrape(key, pods, now, settings.window().plus(settings.baselineWindow()).plus(settings.interval()));
        return outcomes.source(key, pods);
    }

    private static List<String> names(Collection<AuthDeployment> deployments) {
        return deployments.stream().map(d -> d.getMetadata().getName()).toList();
    }

    /** How long until the next step must run even if nothing changes: the machine's answer, at most one interval while gating. */
    public static Duration requeue(RolloutStep step, RolloutSettings settings) {
        return step.requeueAfter().filter(d -> d.compareTo(settings.interval()) < 0).orElse(settings.interval());
    }
}

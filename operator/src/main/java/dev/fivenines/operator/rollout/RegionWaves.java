package dev.fivenines.operator.rollout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.RolloutBucketStatus;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.api.v1alpha1.RolloutSpec;
import dev.fivenines.api.v1alpha1.RolloutStatus;
import dev.fivenines.api.v1alpha1.RolloutWave;
import dev.fivenines.aws.CloudException;
import dev.fivenines.aws.RolloutLedger;
import dev.fivenines.aws.WaveProgress;
import dev.fivenines.operator.config.OperatorConfig;
import dev.fivenines.tables.AuthTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Region waves (spec.rollout.waves) through the {@link RolloutLedger}: each regional operator writes how far it has
 * taken a revision into its own region's replica of the auth table, and reads there what the regions of the earlier
 * waves wrote, so a later wave starts a bucket only after the earlier ones passed it, with no cluster calling another.
 * Waves need AWS on and one operator per region; in single-cluster mode ({@code fivenines.all-regions}) one operator
 * walks every region's buckets together and the waves do not apply.
 */
@ApplicationScoped
public class RegionWaves {

    private static final Logger LOG = Logger.getLogger(RegionWaves.class);

    private final Optional<String> region;
    private final boolean allRegions;
    private final boolean awsEnabled;
    private final RolloutLedger ledger;
    /** What this operator last wrote, per blueprint: a pass that changes nothing writes nothing. */
    private final Map<String, WaveProgress> written = new ConcurrentHashMap<>();

    @Inject
    public RegionWaves(OperatorConfig config, RolloutLedger ledger) {
        this(config.region(), config.allRegions(), config.aws().enabled(), ledger);
    }

    /** For an operator of {@code region} (empty with {@code allRegions}), with AWS on or off. */
    public RegionWaves(Optional<String> region, boolean allRegions, boolean awsEnabled, RolloutLedger ledger) {
        this.region = region;
        this.allRegions = allRegions;
        this.awsEnabled = awsEnabled;
        this.ledger = ledger;
    }

    /** What the earlier waves have done with {@code revision}, read from the ledger only when a bucket may start. */
    public EarlierWaves earlier(AuthBlueprint blueprint, String revision, RolloutStatus previous) {
        List<RolloutWave> waves = waves(blueprint);
        if (waves.isEmpty() || allRegions || region.isEmpty()) {
            return EarlierWaves.NONE;
        }
        String ownRegion = region.get();
        int own = waveOf(waves, ownRegion);
        List<EarlierWaves.EarlierRegion> earlier = new ArrayList<>();
        for (int i = 0; i < Math.min(own, waves.size()); i++) {
            for (String r : waves.get(i).getRegions()) {
                earlier.add(new EarlierWaves.EarlierRegion(r, i + 1));
            }
        }
        String position = own < waves.size() ? (own + 1) + "/" + waves.size() : "last (" + ownRegion + " is in no wave)";
        boolean settled = previous != null && revision.equals(previous.getRevision())
                && (previous.getPhase() == RolloutPhase.Completed || previous.getPhase() == RolloutPhase.Halted);
        if (earlier.isEmpty() || previous == null || settled) {
            return new EarlierWaves(position, earlier, List.of(), null);
        }
        if (!awsEnabled) {
            return new EarlierWaves(position, earlier, List.of(), "the waves share their progress through the auth table, and this operator runs "
                    + "with AWS off (fivenines.aws.enabled=false)");
        }
        try {
            return new EarlierWaves(position, earlier, ledger.read(ownRegion, table(blueprint), key(blueprint), revision), null);
        } catch (CloudException e) {
            return new EarlierWaves(position, earlier, List.of(), e.getMessage());
        }
    }

    /**
     * Writes this region's progress on the rollout when it changed since the last write; returns why it could not be
     * written (it is tried again on the next pass), empty when it was or nothing needed writing.
     */
    public Optional<String> publish(AuthBlueprint blueprint, RolloutStatus status, Instant now) {
        if (waves(blueprint).isEmpty() || allRegions || region.isEmpty() || !awsEnabled
                || status == null || status.getRevision() == null || status.getPhase() == null) {
            return Optional.empty();
        }
        RolloutBucketStatus next = status.getPhase() == RolloutPhase.Completed ? null : Progress.current(status);
        WaveProgress progress = new WaveProgress(key(blueprint), status.getRevision(), region.get(), status.getPhase().name(),
                next == null ? null : next.getBucket(), status.getMessage(), now);
        String key = key(blueprint);
        if (progress.sameStep(written.get(key))) {
            return Optional.empty();
        }
        try {
            ledger.record(region.get(), table(blueprint), progress);
            written.put(key, progress);
            return Optional.empty();
        } catch (CloudException e) {
            LOG.warnf("AuthBlueprint %s: could not share this region's rollout progress with the later waves: %s", key, e.getMessage());
            return Optional.of(e.getMessage());
        }
    }

    public void forget(AuthBlueprint blueprint) {
        written.remove(key(blueprint));
    }

    private static List<RolloutWave> waves(AuthBlueprint blueprint) {
        RolloutSpec rollout = blueprint.getSpec().getRollout();
        return rollout == null || rollout.getWaves() == null ? List.of() : rollout.getWaves();
    }

    /** The wave (0-based) that names the region; a region in no wave comes after the last. */
    static int waveOf(List<RolloutWave> waves, String region) {
        for (int i = 0; i < waves.size(); i++) {
            if (waves.get(i).getRegions() != null && waves.get(i).getRegions().contains(region)) {
                return i;
            }
        }
        return waves.size();
    }

    /** The same in every region: GitOps gives the blueprint the same namespace and name everywhere. */
    static String key(AuthBlueprint blueprint) {
        return blueprint.getMetadata().getNamespace() + "/" + blueprint.getMetadata().getName();
    }

    private static String table(AuthBlueprint blueprint) {
        var storage = blueprint.getSpec().getStorage();
        return AuthTables.authTable(storage == null || storage.getTablePrefix() == null ? "fivenines" : storage.getTablePrefix());
    }
}

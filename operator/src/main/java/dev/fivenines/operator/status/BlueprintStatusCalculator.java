package dev.fivenines.operator.status;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthBlueprintStatus;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.DependencyReliability;
import dev.fivenines.api.v1alpha1.DeploymentSummary;
import dev.fivenines.api.v1alpha1.Phase;
import dev.fivenines.api.v1alpha1.RecordServing;
import dev.fivenines.api.v1alpha1.ServingStatus;
import dev.fivenines.api.v1alpha1.ReliabilityReport;
import dev.fivenines.api.v1alpha1.RolloutStatus;
import dev.fivenines.operator.reliability.ReliabilityModel;
import dev.fivenines.operator.reliability.RetryBudget;

/**
 * The new status of an AuthBlueprint: its revision, its deployments at a glance (Ready counts the ones this operator
 * reconciles), the reliability verdict, and the kstatus conditions ({@link BlueprintProgress}).
 */
public final class BlueprintStatusCalculator {

    private BlueprintStatusCalculator() {
    }

    /**
     * @param localRegion whether this operator reconciles a region: only those deployments count towards Ready, the
     *        others are reported by the operators of their regions (counted in {@code remoteDeployments})
     * @param rollout the rollout's status after this pass's step
     */
    public static AuthBlueprintStatus compute(AuthBlueprint blueprint, String revision, List<AuthDeployment> deployments,
            Predicate<String> localRegion, RolloutStatus rollout, Instant now) {
        AuthBlueprintStatus previous = blueprint.getStatus() != null ? blueprint.getStatus() : new AuthBlueprintStatus();
        long generation = blueprint.getMetadata().getGeneration() == null ? 0 : blueprint.getMetadata().getGeneration();
        Conditions conditions = new Conditions(previous.getConditions(), generation, now);

        AuthBlueprintStatus next = new AuthBlueprintStatus();
        next.setObservedGeneration(generation);
        next.setRevision(revision);
        next.setRollout(rollout);

        List<AuthDeployment> sorted = deployments.stream()
                .sorted(Comparator.comparing((AuthDeployment d) -> d.getMetadata().getName())).toList();
        List<AuthDeployment> local = sorted.stream().filter(d -> localRegion.test(d.getSpec().getRegion())).toList();
        next.setDeployments(sorted.stream().map(d -> summary(d, revision, localRegion.test(d.getSpec().getRegion()))).toList());
        long ready = local.stream().filter(d -> d.getStatus() != null && d.getStatus().getPhase() == Phase.Ready).count();
        next.setReadyDeployments(ready + "/" + local.size());
        int remote = sorted.size() - local.size();
        next.setRemoteDeployments(remote);
        List<RecordServing> records = records(sorted);
        next.setRecords(records.isEmpty() ? null : records);

        ReliabilityModel model = reliability(blueprint);
        next.setReliability(report(model));
        conditions.set(ConditionTypes.RELIABILITY_FEASIBLE, model.feasible(),
                model.feasible() ? "TargetReachable" : "TargetUnreachable", model.summary());

        new BlueprintProgress(revision, local, remote, ready, rollout).apply(conditions);
        next.setConditions(conditions.build());
        return next;
    }

    public static ReliabilityModel reliability(AuthBlueprint blueprint) {
        var spec = blueprint.getSpec().getReliability();
        List<ReliabilityModel.Dependency> dependencies = spec.getDependencies() == null ? List.of()
                : spec.getDependencies().stream().map(d -> new ReliabilityModel.Dependency(d.getName(), d.getAvailability(),
                        !Boolean.FALSE.equals(d.getCriticalPath()))).toList();
        return ReliabilityModel.evaluate(spec.getTargetAvailability(), spec.getRetryHandlerAvailability(), dependencies);
    }

    private static ReliabilityReport report(ReliabilityModel model) {
        ReliabilityReport report = new ReliabilityReport();
        report.setFeasible(model.feasible());
        report.setCriticalPathAvailability(model.criticalPath().map(path -> path.formatDown(8)).orElse(null));
        report.setMessage(model.summary());
        report.setDependencies(model.budgets().stream().map(BlueprintStatusCalculator::dependency).toList());
        return report;
    }

    private static DependencyReliability dependency(RetryBudget budget) {
        DependencyReliability d = new DependencyReliability();
        d.setName(budget.dependency());
        d.setAvailability(budget.availability().percent().stripTrailingZeros().toPlainString());
        d.setRetriesNeeded(budget.triesNeeded());
        d.setRetriesAllowed(budget.triesAllowed());
        d.setMinimumAvailability(budget.minimumAvailability() == null ? null : budget.minimumAvailability().format(4));
        d.setFeasible(budget.feasible());
        return d;
    }

    /**
     * Each record name the deployments' status reports and who Route 53 answers it with, as the record's PRIMARY deployment
     * read it last (it reads both records of the pair), or any of them without one.
     */
    static List<RecordServing> records(List<AuthDeployment> deployments) {
        Map<String, ServingStatus> byRecord = new TreeMap<>();
        for (AuthDeployment deployment : deployments) {
            ServingStatus serving = deployment.getStatus() == null ? null : deployment.getStatus().getServing();
            if (serving == null || serving.getRecordName() == null || serving.getAnsweredBy() == null) {
                continue;
            }
            ServingStatus known = byRecord.get(serving.getRecordName());
            if (known == null || "PRIMARY".equals(serving.getFailover()) && !"PRIMARY".equals(known.getFailover())) {
                byRecord.put(serving.getRecordName(), serving);
            }
        }
        Map<String, String> primaries = new HashMap<>();
        for (AuthDeployment deployment : deployments) {
            ServingStatus serving = deployment.getStatus() == null ? null : deployment.getStatus().getServing();
            if (serving != null && serving.getRecordName() != null && "PRIMARY".equals(serving.getFailover())) {
                primaries.put(serving.getRecordName(), serving.getSetIdentifier());
            }
        }
        return byRecord.entrySet().stream().map(entry -> {
            RecordServing record = new RecordServing();
            record.setRecordName(entry.getKey());
            record.setAnsweredBy(entry.getValue().getAnsweredBy());
            String primary = primaries.get(entry.getKey());
            record.setPrimaryServing(primary == null ? null : primary.equals(entry.getValue().getAnsweredBy()));
            return record;
        }).toList();
    }

    private static DeploymentSummary summary(AuthDeployment deployment, String revision, boolean local) {
        DeploymentSummary summary = new DeploymentSummary();
        summary.setName(deployment.getMetadata().getName());
        summary.setRegion(deployment.getSpec().getRegion());
        summary.setVariant(deployment.getSpec().getVariant().name());
        summary.setLocal(local);
        var status = deployment.getStatus();
        summary.setRevision(status == null ? null : status.getBlueprintRevision());
        summary.setVersion(status == null ? null : status.getRuntimeVersion());
        summary.setRole(status == null || status.getServing() == null || status.getServing().getRole() == null ? null
                : status.getServing().getRole().name());
        if (local) {
            summary.setReady(status != null && status.getPhase() == Phase.Ready);
            summary.setInSync(status != null && revision.equals(status.getBlueprintRevision())
                    && Conditions.isTrue(status.getConditions(), ConditionTypes.IN_SYNC));
        }
        return summary;
    }
}

package dev.fivenines.operator.status;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthBlueprintStatus;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.ConditionTypes;
import dev.fivenines.api.v1alpha1.DependencyReliability;
import dev.fivenines.api.v1alpha1.DeploymentSummary;
import dev.fivenines.api.v1alpha1.Phase;
import dev.fivenines.api.v1alpha1.ReliabilityReport;
import dev.fivenines.operator.reliability.ReliabilityModel;
import dev.fivenines.operator.reliability.RetryBudget;

/** The new status of an AuthBlueprint: its revision, its deployments at a glance, the reliability verdict. */
public final class BlueprintStatusCalculator {

    private BlueprintStatusCalculator() {
    }

    public static AuthBlueprintStatus compute(AuthBlueprint blueprint, String revision, List<AuthDeployment> deployments,
            Instant now) {
        AuthBlueprintStatus previous = blueprint.getStatus() != null ? blueprint.getStatus() : new AuthBlueprintStatus();
        long generation = blueprint.getMetadata().getGeneration() == null ? 0 : blueprint.getMetadata().getGeneration();
        Conditions conditions = new Conditions(previous.getConditions(), generation, now);

        AuthBlueprintStatus next = new AuthBlueprintStatus();
        next.setObservedGeneration(generation);
        next.setRevision(revision);

        List<DeploymentSummary> summaries = deployments.stream()
                .sorted(Comparator.comparing((AuthDeployment d) -> d.getMetadata().getName()))
                .map(d -> summary(d, revision)).toList();
        next.setDeployments(summaries);
        long ready = summaries.stream().filter(s -> Boolean.TRUE.equals(s.getReady())).count();
        next.setReadyDeployments(ready + "/" + summaries.size());

        ReliabilityModel model = reliability(blueprint);
        next.setReliability(report(model));
        conditions.set(ConditionTypes.RELIABILITY_FEASIBLE, model.feasible(),
                model.feasible() ? "TargetReachable" : "TargetUnreachable", model.summary());

        long behind = summaries.stream().filter(s -> !revision.equals(s.getRevision())).count();
        boolean allReady = !summaries.isEmpty() && ready == summaries.size() && behind == 0;
        String message = summaries.isEmpty() ? "no AuthDeployment refers to this blueprint yet"
                : allReady ? "all " + summaries.size() + " deployments run revision " + revision
                : ready + " of " + summaries.size() + " deployments ready, " + behind + " not yet at revision " + revision;
        conditions.set(ConditionTypes.READY, allReady, allReady ? "AllDeploymentsReady"
                : summaries.isEmpty() ? "NoDeployments" : "DeploymentsNotReady", message);
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

    private static DeploymentSummary summary(AuthDeployment deployment, String revision) {
        DeploymentSummary summary = new DeploymentSummary();
        summary.setName(deployment.getMetadata().getName());
        summary.setRegion(deployment.getSpec().getRegion());
        summary.setVariant(deployment.getSpec().getVariant().name());
        var status = deployment.getStatus();
        summary.setRevision(status == null ? null : status.getBlueprintRevision());
        summary.setVersion(status == null ? null : status.getRuntimeVersion());
        summary.setReady(status != null && status.getPhase() == Phase.Ready);
        summary.setInSync(status != null && revision.equals(status.getBlueprintRevision())
                && Conditions.isTrue(status.getConditions(), ConditionTypes.IN_SYNC));
        return summary;
    }
}

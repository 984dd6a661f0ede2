package dev.fivenines.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReliabilityModelTest {

    private static ReliabilityModel.Dependency critical(String name, String availability) {
        return new ReliabilityModel.Dependency(name, availability, true);
    }

    @Test
    void twoDependenciesThatEachReachTheTargetAloneMissItTogether() {
        // the handler at 99.9991 % allows one try (0.999991^2 < 0.99999): each dependency is used once
        ReliabilityModel model = ReliabilityModel.evaluate("99.999", "99.9991",
                List.of(critical("session-store", "99.999"), critical("key-cache", "99.9995")));

        assertThat(model.budgets()).allMatch(RetryBudget::feasible);
        assertThat(model.criticalPath()).hasValueSatisfying(path -> assertThat(path.formatDown(6)).isEqualTo("99.9985"));
        assertThat(model.feasible()).isFalse();
        assertThat(model.summary()).isEqualTo("each critical-path dependency reaches 99.999% alone, but a request needs all 2: together, "
                + "each tried up to 1 time, they reach 99.9985%, below the target: raise the weakest, session-store at 99.999%, "
                + "or make a dependency not critical-path");
    }

    @Test
    void retriesTheHandlerAllowsLiftEachFactorAndThePathReachesTheTarget() {
        // the sample blueprint: 99.9995 % allows two tries; 1 - 1e-8 times 1 - 1e-12
        ReliabilityModel model = ReliabilityModel.evaluate("99.999", "99.9995",
                List.of(critical("dynamodb-regional", "99.99"), critical("signing-keys-in-memory", "99.9999")));

        assertThat(model.criticalPath()).hasValueSatisfying(path -> assertThat(path.formatDown(8)).isEqualTo("99.99999899"));
        assertThat(model.feasible()).isTrue();
        assertThat(model.summary()).isEqualTo("all 2 critical-path dependencies reach 99.999% within the 2 tries the retry handler "
                + "allows; together 99.99999899%");
    }

    @Test
    void dependenciesOffTheCriticalPathAreNotMultipliedIn() {
        ReliabilityModel model = ReliabilityModel.evaluate("99.999", "99.9991",
                List.of(critical("session-store", "99.999"), new ReliabilityModel.Dependency("analytics", "99", false)));

        assertThat(model.criticalPath()).hasValueSatisfying(path -> assertThat(path.formatDown(6)).isEqualTo("99.999"));
        assertThat(model.feasible()).isTrue();
    }

    @Test
    void withoutCriticalDependenciesThereIsNoPathToJudge() {
        assertThat(ReliabilityModel.evaluate("99.999", "99.9995", List.of()).criticalPath()).isEmpty();
    }
}

package dev.fivenines.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    private static final Availability TARGET = Availability.parse("99.999");
    private static final Availability HANDLER = Availability.parse("99.9995");

    @Test
    void workedExampleNeedsFiveTriesAllowsTwoAndAsksForAbout99Point7() {
        RetryBudget budget = RetryBudget.of("session-store", Availability.parse("90"), TARGET, HANDLER);

        assertThat(budget.triesNeeded()).isEqualTo(5);
        assertThat(budget.triesAllowed()).isEqualTo(2);
        assertThat(budget.minimumAvailability().percent().doubleValue()).isCloseTo(99.6838, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(budget.minimumAvailability().format(1)).isEqualTo("99.7");
        assertThat(budget.feasible()).isFalse();
        assertThat(budget.explanation(TARGET, HANDLER)).isEqualTo(
                "session-store at 90% needs 5 tries to reach 99.999%, but the retry handler at 99.9995% allows only 2: "
                        + "raise session-store to at least 99.6838% or make it not critical-path");
    }

    @Test
    void dependencyAtTheMinimumIsFeasibleWithTheTriesAllowed() {
        RetryBudget budget = RetryBudget.of("table", Availability.parse("99.7"), TARGET, HANDLER);

        assertThat(budget.triesNeeded()).isEqualTo(2);
        assertThat(budget.feasible()).isTrue();
        assertThat(budget.explanation(TARGET, HANDLER))
                .isEqualTo("table at 99.7% needs 2 tries to reach 99.999%; the retry handler at 99.9995% allows 2");
    }

    @Test
    void dependencyAlreadyAboveTheTargetNeedsOneTry() {
        RetryBudget budget = RetryBudget.of("kms", Availability.parse("99.9999"), TARGET, HANDLER);

        assertThat(budget.triesNeeded()).isEqualTo(1);
        assertThat(budget.feasible()).isTrue();
    }

    @Test
    void exactPowersAreNotRoundedUpByFloatingPointNoise() {
        // 99 % tried twice fails with (1e-2)^2 = 1e-4 exactly: 99.99 % needs 2 tries, not 3
        assertThat(RetryBudget.triesNeeded(Availability.parse("99"), Availability.parse("99.99"))).isEqualTo(2);
        // a handler of 99.9995 % tried twice is 99.99900000250 %: exactly two tries fit in 99.999 %
        assertThat(RetryBudget.triesAllowed(TARGET, HANDLER)).isEqualTo(2);
    }

    @Test
    void handlerBelowTheTargetAllowsNothing() {
        RetryBudget budget = RetryBudget.of("db", Availability.parse("99.99"), TARGET, Availability.parse("99.99"));

        assertThat(budget.triesAllowed()).isZero();
        assertThat(budget.feasible()).isFalse();
        assertThat(budget.explanation(TARGET, Availability.parse("99.99"))).contains("raise the retry handler's availability");
    }

    @Test
    void availabilityOutsideZeroToHundredIsRefused() {
        assertThatThrownBy(() -> Availability.parse("100.1")).hasMessageContaining("above 0 and at most 100");
        assertThatThrownBy(() -> Availability.parse("0")).hasMessageContaining("above 0 and at most 100");
        assertThatThrownBy(() -> Availability.parse("ninety")).hasMessageContaining("percentage such as");
    }
}

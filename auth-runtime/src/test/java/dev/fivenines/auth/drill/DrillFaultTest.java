package dev.fivenines.auth.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import jakarta.ws.rs.WebApplicationException;

class DrillFaultTest {

    private static int failures(DrillFault fault, int decisions) {
        int failed = 0;
        for (int i = 0; i < decisions; i++) {
            try {
                fault.beforeDecision();
            } catch (WebApplicationException e) {
                assertThat(e.getResponse().getStatus()).isEqualTo(500);
                failed++;
            }
        }
        return failed;
    }

    @Test
    void offByDefaultFailsNothing() {
        DrillFault off = new DrillFault(0);
        assertThat(off.active()).isFalse();
        assertThat(failures(off, 10_000)).isZero();
    }

    @Test
    void aShareFailsExactlyThatShareEvenlySpread() {
        DrillFault fault = new DrillFault(0.3);
        assertThat(fault.active()).isTrue();
        assertThat(failures(fault, 10)).isEqualTo(3);
        assertThat(failures(fault, 990)).isEqualTo(297);
        assertThat(failures(new DrillFault(1), 50)).isEqualTo(50);
    }

    @Test
    void aShareOutsideZeroToOneIsRefusedAtStart() {
        assertThatThrownBy(() -> new DrillFault(1.5)).hasMessageContaining("FIVENINES_DRILL_DECISION_FAILURE_SHARE must be between 0 and 1");
        assertThatThrownBy(() -> new DrillFault(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}

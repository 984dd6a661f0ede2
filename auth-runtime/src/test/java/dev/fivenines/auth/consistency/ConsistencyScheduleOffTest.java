package dev.fivenines.auth.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fivenines.auth.api.LocalDynamoResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** {@code fivenines.consistency.interval=off}: the runtime starts without the job and exports no result. */
@QuarkusTest
@QuarkusTestResource(value = LocalDynamoResource.class, restrictToAnnotatedClass = true)
@TestProfile(ConsistencyScheduleOffTest.Off.class)
class ConsistencyScheduleOffTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fivenines.consistency.interval", "off");
        }
    }

    @Inject
    Scheduler scheduler;

    @Inject
    MeterRegistry meters;

    @Test
    void offLeavesTheCheckUnscheduled() {
        assertThat(scheduler.getScheduledJob(ScheduledConsistencyValidation.JOB)).isNull();
        assertThat(meters.get("fivenines.consistency.discrepancies").gauge().value()).as("no check has run").isNaN();
        assertThat(meters.get("fivenines.consistency.runs").tag("outcome", "failed").counter().count()).isZero();
    }
}

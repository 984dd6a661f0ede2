package dev.fivenines.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;

/**
 * The scheduled consistency validation: the auth table compared with the audit trail. No API-server defaults (a default
 * would be written into every existing blueprint and change its revision): absent means a CronJob at {@value #SCHEDULE}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConsistencySpec {

    public static final String SCHEDULE = "17 * * * *";

    @JsonPropertyDescription("CronJob (the default): one CronJob per region's tables, created by the operator, and the runtime's own "
            + "schedule off. InProcess: every runtime replica checks on its own schedule, and no CronJob.")
    private ConsistencyRunner runAs;

    @JsonPropertyDescription("The CronJob's schedule, in cron's five fields; '17 * * * *' (hourly) when absent.")
    @Pattern("^\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+$")
    private String schedule;

    public ConsistencyRunner getRunAs() {
        return runAs;
    }

    public void setRunAs(ConsistencyRunner runAs) {
        this.runAs = runAs;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    /** Whether the operator runs the check as CronJobs (absent means yes). */
    public static boolean asCronJob(ConsistencySpec spec) {
        return spec == null || spec.runAs == null || spec.runAs == ConsistencyRunner.CronJob;
    }

    public static String schedule(ConsistencySpec spec) {
        return spec == null || spec.schedule == null ? SCHEDULE : spec.schedule;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsistencySpec other && runAs == other.runAs && Objects.equals(schedule, other.schedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(runAs, schedule);
    }
}

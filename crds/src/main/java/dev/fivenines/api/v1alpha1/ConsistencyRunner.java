package dev.fivenines.api.v1alpha1;

/** Where the consistency validation runs. */
public enum ConsistencyRunner {
    /** A CronJob the operator creates, one per region's tables; the runtime's own schedule is off. */
    CronJob,
    /** Every runtime replica on its own schedule (FIVENINES_CONSISTENCY_INTERVAL, default hourly); no CronJob. */
    InProcess
}

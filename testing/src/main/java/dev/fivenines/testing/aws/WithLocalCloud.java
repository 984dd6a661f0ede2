package dev.fivenines.testing.aws;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class a {@link LocalCloud} (as a test or lifecycle method parameter). Clouds are shared by every
 * class of the test run that asks for the same settings and stopped when the run ends; faults are cleared after each
 * test. Tests share the emulators, so they use names of their own (tables, hosted zones, owners).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalCloudExtension.class)
public @interface WithLocalCloud {

    String[] regions() default {"us-east-1", "us-west-2", "eu-west-1"};

    /** How long a replica stays CREATING or DELETING. */
    long replicaChangeMillis() default 1000;

    /** How long after it is acknowledged a write reaches the other regions. */
    long replicationDelayMillis() default 0;

    /**
     * How often the health checkers probe every health check, in milliseconds, instead of its RequestInterval; 0 (the
     * default) keeps Route 53's 10 or 30 seconds. See {@link LocalCloud.Builder#healthCheckInterval}.
     */
    long healthCheckIntervalMillis() default 0;

    /** Whether to start Route 53 (moto's server). */
    boolean route53() default true;
}

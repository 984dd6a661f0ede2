package dev.fivenines.aws.sdk;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Where the adapter contract tests run: the local cloud, or a real AWS account. */
interface Target {

    AwsSettings settings();

    /** Three regions: the home region first. */
    List<String> regions();

    /** How long a table or replica may take to become ACTIVE or go away. */
    Duration tableTimeout();

    /** A hosted zone the tests may add records to, and its name. */
    String hostedZoneId();

    String zoneName();

    /** A name no other test run uses, e.g. for tables and owners. */
    default String unique(String purpose) {
        return "fivenines-it-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

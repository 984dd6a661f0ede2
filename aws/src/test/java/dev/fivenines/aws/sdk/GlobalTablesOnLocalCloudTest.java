package dev.fivenines.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fivenines.aws.AccessDenied;
import dev.fivenines.aws.CloudException;
import dev.fivenines.aws.GlobalTablesContract;
import dev.fivenines.aws.Throttled;
import dev.fivenines.aws.Unavailable;
import dev.fivenines.testing.aws.LocalCloud;
import dev.fivenines.testing.aws.RegionFaults;
import dev.fivenines.testing.aws.WithLocalCloud;

/** The global-tables contract on the local cloud, and the failures only the local cloud can inject. */
@WithLocalCloud
class GlobalTablesOnLocalCloudTest extends GlobalTablesContract {

    private static LocalTarget target;

    @BeforeAll
    static void connect(LocalCloud cloud) {
        target = LocalTarget.on(cloud);
    }

    @Override
    protected Fixture openFixture() {
        return new AdaptersFixture(target);
    }

    /** Runs before the contract's clean-up, which must not meet the injected faults. */
    @AfterEach
    void clearFaults() {
        target.cloud().clearFaults();
    }

    @Test
    void aMissingIamPermissionNamesTheActionToGrant() {
        String table = table("denied");
        String owner = target.unique("owner");
        tables.create(home, spec(table, owner));
        awaitActive(home, table);
        target.cloud().faults(home).denyAccess("dynamodb:UpdateTable");

        assertThatThrownBy(() -> tables.addReplica(owner, home, table, second))
                .isInstanceOf(AccessDenied.class)
                .hasMessageContaining("may not call dynamodb:UpdateTable on table " + table + " in " + home)
                .hasMessageContaining("Grant dynamodb:UpdateTable")
                .satisfies(e -> {
                    CloudException failure = (CloudException) e;
                    assertThat(failure.reason()).isEqualTo("AccessDenied");
                    assertThat(failure.action()).isEqualTo("dynamodb:UpdateTable");
                    assertThat(failure.region()).contains(home);
                    assertThat(failure.retryable()).isFalse();
                });
        assertThat(tables.describe(home, table).orElseThrow().replicas()).containsOnlyKeys(home);
    }

    @Test
    void aMissingPermissionToReadTagsIsNamedToo() {
        String table = table("tags-denied");
        tables.create(home, spec(table, target.unique("owner")));
        awaitActive(home, table);
        target.cloud().faults(home).denyAccess("ListTagsOfResource");

        assertThatThrownBy(() -> tables.describe(home, table))
                .isInstanceOf(AccessDenied.class)
                .hasMessageContaining("Grant dynamodb:ListTagsOfResource");
    }

    @Test
    void throttlingIsRetryable() {
        target.cloud().faults(home).throttle(RegionFaults.ALL);

        assertThatThrownBy(() -> tables.describe(home, target.unique("throttled")))
                .isInstanceOf(Throttled.class)
                .hasMessageContaining("throttled dynamodb:DescribeTable")
                .satisfies(e -> assertThat(((CloudException) e).retryable()).isTrue());
    }

    @Test
    void aRegionThatDoesNotAnswerIsUnavailableAndRetryable() {
        target.cloud().faults(second).stop();

        assertThatThrownBy(() -> tables.describe(second, target.unique("outage")))
                .isInstanceOf(Unavailable.class)
                .hasMessageContaining("DynamoDB in " + second + " did not answer dynamodb:DescribeTable")
                .satisfies(e -> assertThat(((CloudException) e).retryable()).isTrue());

        target.cloud().faults(second).start();
        assertThat(tables.describe(second, target.unique("back"))).isEmpty();
    }

    @Test
    void serverErrorsAreUnavailableAndRetryable() {
        target.cloud().faults(home).failWithServerErrors();

        assertThatThrownBy(() -> tables.describe(home, target.unique("500")))
                .isInstanceOf(Unavailable.class)
                .hasMessageContaining("HTTP 500");
    }
}

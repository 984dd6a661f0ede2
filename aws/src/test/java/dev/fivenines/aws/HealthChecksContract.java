package dev.fivenines.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HealthChecks} does: the SDK adapter on the local cloud and on AWS, and the in-memory fake. A
 * subclass gives a {@link Fixture}: the port and what a test does behind its back.
 */
public abstract class HealthChecksContract {

    /** Where the contract runs. */
    public interface Fixture extends AutoCloseable {

        HealthChecks healthChecks();

        /** Creates, as a person would, a health check Fivenines did not create; returns its id. */
        String createHealthCheckByHand(HealthCheckSpec spec);

        /** Creates the health check as Fivenines does for the owner, but without its tags (tagging interrupted). */
        String createUntaggedHealthCheck(String owner, HealthCheckSpec spec);

        /** The health check's tags as {@code key=value}, read behind the port. */
        List<String> healthCheckTags(String id);

        /** The health check's resource path, read behind the port. */
        String resourcePathOf(String id);

        /** Deletes the health check behind the port; nothing when it is gone already. */
        void deleteHealthCheckByHand(String id);

        /**
         * Starts an endpoint that answers HTTP 200 and returns an HTTP health check spec that calls it. Where a test may
         * not offer an endpoint to health checkers (real AWS: they call only public endpoints, which are out of bounds
         * for tests), the test is skipped here, saying so.
         */
        HealthCheckSpec startHealthyEndpoint(int failureThreshold);

        /** The endpoint of the spec (checked by the health check) stops accepting connections. */
        void refuseConnections(String checkId, HealthCheckSpec spec);

        /** The endpoint of the spec answers HTTP 200 again. */
        void acceptConnections(String checkId, HealthCheckSpec spec);

        /** How long the checkers may take to see a change of the endpoint, failure threshold included. */
        Duration statusChangeTimeout();

        @Override
        void close();
    }

    protected Fixture fixture;
    protected HealthChecks checks;
    private final List<String> created = new ArrayList<>();

    /** A fixture for one test, closed after it (a subclass may skip the test here, saying why). */
    protected abstract Fixture openFixture();

    @BeforeEach
    void open() {
        fixture = openFixture();
        checks = fixture.healthChecks();
    }

    @AfterEach
    void cleanUp() {
        if (fixture == null) {
            return;
        }
        try {
            created.forEach(fixture::deleteHealthCheckByHand);
        } finally {
            fixture.close();
        }
    }

    @Test
    void aHealthCheckIsCreatedFoundUpdatedAndDeletedByItsOwner() {
        String owner = unique("owner");
        HealthCheckSpec spec = HealthCheckSpec.https("auth.example.com", 443, "/q/health/deep", 10, 3);

        HealthCheck check = track(checks.create(owner, spec));

        assertThat(check.owner()).isEqualTo(owner);
        assertThat(check.spec()).isEqualTo(spec);
        assertThat(checks.findByOwner(owner)).extracting(HealthCheck::id).containsExactly(check.id());
        assertThat(fixture.healthCheckTags(check.id())).contains(Ownership.OWNER_TAG + "=" + owner);

        HealthCheckSpec stricter = HealthCheckSpec.https("auth.example.com", 8443, "/q/health/deeper", 10, 2);
        HealthCheck updated = checks.update(owner, check.id(), stricter);

        assertThat(updated.id()).isEqualTo(check.id());
        assertThat(checks.findByOwner(owner)).singleElement()
                .satisfies(found -> assertThat(found.spec()).isEqualTo(stricter));

        assertThat(checks.delete(owner, check.id())).isTrue();
        assertThat(checks.findByOwner(owner)).isEmpty();
        assertThat(checks.delete(owner, check.id())).isFalse();
    }

    @Test
    void creatingAgainWithTheSameSpecGivesTheSameHealthCheck() {
        String owner = unique("owner");
        HealthCheckSpec spec = HealthCheckSpec.https("auth.example.com", 443, "/q/health/deep", 30, 3);

        HealthCheck first = track(checks.create(owner, spec));
        HealthCheck second = track(checks.create(owner, spec));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(checks.findByOwner(owner)).hasSize(1);
    }

    @Test
    void healthChecksFivenineDidNotCreateAreNeitherFoundNorChangedNorDeleted() {
        String owner = unique("owner");
        String foreign = track(fixture.createHealthCheckByHand(HealthCheckSpec.https("auth.example.com", 443, "/", 30, 3)));
        HealthCheckSpec spec = HealthCheckSpec.https("auth.example.com", 443, "/changed", 30, 3);

        assertThat(checks.findByOwner(owner)).isEmpty();
        assertThatThrownBy(() -> checks.update(owner, foreign, spec)).isInstanceOf(NotOwned.class)
                .hasMessageContaining("was not created by Fivenines for " + owner);
        assertThatThrownBy(() -> checks.delete(owner, foreign)).isInstanceOf(NotOwned.class);

        assertThat(fixture.resourcePathOf(foreign)).isEqualTo("/");
        assertThat(fixture.healthCheckTags(foreign)).isEmpty();
    }

    @Test
    void anotherOwnersHealthCheckIsNeitherFoundNorChanged() {
        HealthCheckSpec spec = HealthCheckSpec.https("auth.example.com", 443, "/q/health/deep", 30, 3);
        HealthCheck theirs = track(checks.create(unique("them"), spec));
        String me = unique("me");

        assertThat(checks.findByOwner(me)).isEmpty();
        assertThatThrownBy(() -> checks.delete(me, theirs.id())).isInstanceOf(NotOwned.class);
        assertThat(checks.findByOwner(theirs.owner())).extracting(HealthCheck::id).containsExactly(theirs.id());
    }

    @Test
    void aHealthCheckWhoseTaggingWasInterruptedIsFoundAndTagged() {
        String owner = unique("owner");
        String orphan = track(fixture.createUntaggedHealthCheck(owner,
                HealthCheckSpec.https("auth.example.com", 443, "/q/health/deep", 30, 3)));

        assertThat(checks.findByOwner(owner)).extracting(HealthCheck::id).containsExactly(orphan);
        assertThat(fixture.healthCheckTags(orphan)).contains(Ownership.OWNER_TAG + "=" + owner);
    }

    @Test
    void aChangeOfProtocolOrIntervalNeedsANewHealthCheck() {
        String owner = unique("owner");
        HealthCheck check = track(checks.create(owner, HealthCheckSpec.https("auth.example.com", 443, "/q/health/deep", 30, 3)));
        HealthCheckSpec faster = HealthCheckSpec.https("auth.example.com", 443, "/q/health/deep", 10, 3);
        HealthCheckSpec plain = new HealthCheckSpec(HealthCheckProtocol.HTTP, Optional.of("auth.example.com"),
                Optional.empty(), 80, "/q/health/deep", 30, 3);

        assertThat(check.spec().requiresReplacement(faster)).isTrue();
        assertThatThrownBy(() -> checks.update(owner, check.id(), faster))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("create a new one, point the record at it, then delete this one");
        assertThatThrownBy(() -> checks.update(owner, check.id(), plain))
                .isInstanceOf(IllegalArgumentException.class);

        HealthCheck replacement = track(checks.create(owner, faster));
        assertThat(checks.findByOwner(owner)).extracting(HealthCheck::id)
                .containsExactlyInAnyOrder(check.id(), replacement.id());
    }

    @Test
    void aHealthCheckOfAnEndpointAnswering200IsHealthy() {
        HealthCheckSpec spec = fixture.startHealthyEndpoint(2);
        HealthCheck check = track(checks.create(unique("owner"), spec));

        await().atMost(fixture.statusChangeTimeout()).untilAsserted(() -> assertThat(checks.status(check.id()))
                .satisfies(status -> assertThat(status.observations()).isNotEmpty()
                        .allSatisfy(o -> assertThat(o.report()).startsWith("Success: HTTP Status Code 200")))
                .satisfies(status -> assertThat(status.healthy()).isTrue()));
        assertThat(checks.status(check.id()).inverted()).isFalse();
    }

    @Test
    void anEndpointRefusingConnectionsBecomesUnhealthyAndHealthyAgainWhenItRecovers() {
        HealthCheckSpec spec = fixture.startHealthyEndpoint(2);
        HealthCheck check = track(checks.create(unique("owner"), spec));
        await().atMost(fixture.statusChangeTimeout()).until(() -> answeredBy200(checks.status(check.id())));

        fixture.refuseConnections(check.id(), spec);

        await().atMost(fixture.statusChangeTimeout()).untilAsserted(() -> assertThat(checks.status(check.id()))
                .satisfies(status -> assertThat(status.healthy()).isFalse())
                .satisfies(status -> assertThat(status.lastFailure()).hasValueSatisfying(
                        failure -> assertThat(failure.report()).startsWith("Failure"))));

        fixture.acceptConnections(check.id(), spec);

        await().atMost(fixture.statusChangeTimeout()).until(() -> answeredBy200(checks.status(check.id())));
        assertThat(checks.status(check.id()).healthy()).isTrue();
    }

    @Test
    void anInvertedHealthCheckOfAHealthyEndpointIsUnhealthy() {
        HealthCheckSpec spec = fixture.startHealthyEndpoint(2).withInverted(true);
        HealthCheck check = track(checks.create(unique("owner"), spec));

        await().atMost(fixture.statusChangeTimeout()).until(() -> answeredBy200(checks.status(check.id())));

        HealthCheckStatus status = checks.status(check.id());
        assertThat(status.inverted()).isTrue();
        assertThat(status.healthyCheckers()).isEqualTo(status.observations().size());
        assertThat(status.healthy()).isFalse();
    }

    @Test
    void theStatusOfADeletedOrUnknownHealthCheckIsNotFound() {
        String owner = unique("owner");
        HealthCheck check = track(checks.create(owner, HealthCheckSpec.https("auth.example.com", 443, "/q/health/deep", 30, 3)));
        assertThat(checks.delete(owner, check.id())).isTrue();

        assertThatThrownBy(() -> checks.status(check.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> checks.status(UUID.randomUUID().toString())).isInstanceOf(NotFound.class);
    }

    @Test
    void invertingThroughUpdateRoundTrips() {
        String owner = unique("owner");
        HealthCheckSpec spec = HealthCheckSpec.https("auth.example.com", 443, "/q/health/deep", 30, 3);
        HealthCheck check = track(checks.create(owner, spec));

        checks.update(owner, check.id(), spec.withInverted(true));

        assertThat(checks.findByOwner(owner)).singleElement()
                .satisfies(found -> assertThat(found.spec()).isEqualTo(spec.withInverted(true)));
        assertThat(checks.status(check.id()).inverted()).isTrue();

        checks.update(owner, check.id(), spec);

        assertThat(checks.findByOwner(owner)).singleElement()
                .satisfies(found -> assertThat(found.spec().inverted()).isFalse());
        assertThat(checks.status(check.id()).inverted()).isFalse();
    }

    /** Every checker has probed the endpoint and got HTTP 200. */
    private static boolean answeredBy200(HealthCheckStatus status) {
        return !status.observations().isEmpty()
                && status.observations().stream().allMatch(o -> o.report().startsWith("Success: HTTP Status Code 200"));
    }

    /** A name no other test run uses. */
    protected static String unique(String purpose) {
        return "fivenines-it-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected HealthCheck track(HealthCheck check) {
        created.add(check.id());
        return check;
    }

    protected String track(String id) {
        created.add(id);
        return id;
    }
}

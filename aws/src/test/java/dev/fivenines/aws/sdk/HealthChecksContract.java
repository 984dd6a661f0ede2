package dev.fivenines.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fivenines.aws.HealthCheck;
import dev.fivenines.aws.HealthCheckProtocol;
import dev.fivenines.aws.HealthCheckSpec;
import dev.fivenines.aws.NotOwned;
import dev.fivenines.aws.Ownership;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/** What {@link SdkHealthChecks} does, the same against the local cloud and against AWS. */
abstract class HealthChecksContract {

    protected AwsAdapters aws;
    private final List<String> created = new ArrayList<>();

    abstract Target target();

    @BeforeEach
    void adapters() {
        aws = AwsAdapters.create(target().settings());
    }

    @AfterEach
    void cleanUp() {
        if (aws == null) {
            return;
        }
        try {
            for (String id : created) {
                try {
                    aws.clients().route53().deleteHealthCheck(b -> b.healthCheckId(id));
                } catch (SdkException gone) {
                    // deleted by the test already
                }
            }
        } finally {
            aws.close();
        }
    }

    @Test
    void aHealthCheckIsCreatedFoundUpdatedAndDeletedByItsOwner() {
        String owner = target().unique("owner");
        HealthCheckSpec spec = HealthCheckSpec.https("auth.example.com", 443, "/q/health/deep", 10, 3);

        HealthCheck check = track(aws.healthChecks().create(owner, spec));

        assertThat(check.owner()).isEqualTo(owner);
        assertThat(check.spec()).isEqualTo(spec);
        assertThat(aws.healthChecks().findByOwner(owner)).extracting(HealthCheck::id).containsExactly(check.id());
        assertThat(tags(check.id())).contains(Ownership.OWNER_TAG + "=" + owner);

        HealthCheckSpec stricter = HealthCheckSpec.https("auth.example.com", 8443, "/q/health/deeper", 10, 2);
        HealthCheck updated = aws.healthChecks().update(owner, check.id(), stricter);

        assertThat(updated.id()).isEqualTo(check.id());
        assertThat(aws.healthChecks().findByOwner(owner)).singleElement()
                .satisfies(found -> assertThat(found.spec()).isEqualTo(stricter));

        assertThat(aws.healthChecks().delete(owner, check.id())).isTrue();
        assertThat(aws.healthChecks().findByOwner(owner)).isEmpty();
        assertThat(aws.healthChecks().delete(owner, check.id())).isFalse();
    }

    @Test
    void creatingAgainWithTheSameSpecGivesTheSameHealthCheck() {
        String owner = target().unique("owner");
        HealthCheckSpec spec = HealthCheckSpec.https("auth.example.com", 443, "/q/health/deep", 30, 3);

        HealthCheck first = track(aws.healthChecks().create(owner, spec));
        HealthCheck second = track(aws.healthChecks().create(owner, spec));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(aws.healthChecks().findByOwner(owner)).hasSize(1);
    }

    @Test
    void healthChecksFivenineDidNotCreateAreNeitherFoundNorChangedNorDeleted() {
        String owner = target().unique("owner");
        String foreign = track(aws.clients().route53().createHealthCheck(b -> b
                .callerReference("hand-made-" + UUID.randomUUID())
                .healthCheckConfig(c -> c.type(HealthCheckType.HTTPS).fullyQualifiedDomainName("auth.example.com")
                        .port(443).resourcePath("/").requestInterval(30).failureThreshold(3))).healthCheck().id());
        HealthCheckSpec spec = HealthCheckSpec.https("auth.example.com", 443, "/changed", 30, 3);

        assertThat(aws.healthChecks().findByOwner(owner)).isEmpty();
        assertThatThrownBy(() -> aws.healthChecks().update(owner, foreign, spec)).isInstanceOf(NotOwned.class)
                .hasMessageContaining("was not created by Fivenines for " + owner);
        assertThatThrownBy(() -> aws.healthChecks().delete(owner, foreign)).isInstanceOf(NotOwned.class);

        var untouched = aws.clients().route53().getHealthCheck(b -> b.healthCheckId(foreign)).healthCheck();
        assertThat(untouched.healthCheckConfig().resourcePath()).isEqualTo("/");
        assertThat(tags(foreign)).isEmpty();
    }

    @Test
    void anotherOwnersHealthCheckIsNeitherFoundNorChanged() {
        HealthCheckSpec spec = HealthCheckSpec.https("auth.example.com", 443, "/q/health/deep", 30, 3);
        HealthCheck theirs = track(aws.healthChecks().create(target().unique("them"), spec));
        String me = target().unique("me");

        assertThat(aws.healthChecks().findByOwner(me)).isEmpty();
        assertThatThrownBy(() -> aws.healthChecks().delete(me, theirs.id())).isInstanceOf(NotOwned.class);
        assertThat(aws.healthChecks().findByOwner(theirs.owner())).extracting(HealthCheck::id).containsExactly(theirs.id());
    }

    @Test
    void aHealthCheckWhoseTaggingWasInterruptedIsFoundAndTagged() {
        String owner = target().unique("owner");
        String orphan = track(aws.clients().route53().createHealthCheck(b -> b
                .callerReference("fivenines-" + Hashes.hex(owner, 16) + "-interrupted-1")
                .healthCheckConfig(c -> c.type(HealthCheckType.HTTPS).fullyQualifiedDomainName("auth.example.com")
                        .port(443).resourcePath("/q/health/deep").requestInterval(30).failureThreshold(3)
                        .enableSNI(true))).healthCheck().id());

        assertThat(aws.healthChecks().findByOwner(owner)).extracting(HealthCheck::id).containsExactly(orphan);
        assertThat(tags(orphan)).contains(Ownership.OWNER_TAG + "=" + owner);
    }

    @Test
    void aChangeOfProtocolOrIntervalNeedsANewHealthCheck() {
        String owner = target().unique("owner");
        HealthCheck check = track(aws.healthChecks().create(owner,
                HealthCheckSpec.https("auth.example.com", 443, "/q/health/deep", 30, 3)));
        HealthCheckSpec faster = HealthCheckSpec.https("auth.example.com", 443, "/q/health/deep", 10, 3);
        HealthCheckSpec plain = new HealthCheckSpec(HealthCheckProtocol.HTTP, Optional.of("auth.example.com"),
                Optional.empty(), 80, "/q/health/deep", 30, 3);

        assertThat(check.spec().requiresReplacement(faster)).isTrue();
        assertThatThrownBy(() -> aws.healthChecks().update(owner, check.id(), faster))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("create a new one, point the record at it, then delete this one");
        assertThatThrownBy(() -> aws.healthChecks().update(owner, check.id(), plain))
                .isInstanceOf(IllegalArgumentException.class);

        HealthCheck replacement = track(aws.healthChecks().create(owner, faster));
        assertThat(aws.healthChecks().findByOwner(owner)).extracting(HealthCheck::id)
                .containsExactlyInAnyOrder(check.id(), replacement.id());
    }

    protected HealthCheck track(HealthCheck check) {
        created.add(check.id());
        return check;
    }

    protected String track(String id) {
        created.add(id);
        return id;
    }

    protected List<String> tags(String id) {
        return aws.clients().route53().listTagsForResource(b -> b.resourceType(TagResourceType.HEALTHCHECK).resourceId(id))
                .resourceTagSet().tags().stream().map(tag -> tag.key() + "=" + tag.value()).toList();
    }
}

package dev.fivenines.auth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fivenines.auth.limits.FailedAttempts;
import dev.fivenines.auth.tenants.PlatformCredential;

class PlatformCallerTest {

    private final AtomicLong nanos = new AtomicLong(1L);

    private PlatformCaller caller(Optional<String> configured, Optional<Path> file) {
        return new PlatformCaller(PlatformCredential.of(configured, file), new FailedAttempts(3, Duration.ofMinutes(1), nanos::get));
    }

    @Test
    void theMountedCredentialIsTheOnlyOneAccepted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("credential");
        Files.writeString(file, "platform-secret\n");
        PlatformCaller caller = caller(Optional.empty(), Optional.of(file));
        assertThat(caller.admit("Bearer platform-secret")).isEqualTo("platform");
        assertThatThrownBy(() -> caller.admit("Bearer platform-secre")).isInstanceOf(Unauthorized.class);
        assertThatThrownBy(() -> caller.admit("Basic cGxhdGZvcm0tc2VjcmV0")).isInstanceOf(Unauthorized.class);
        assertThatThrownBy(() -> caller.admit(null)).isInstanceOf(Unauthorized.class);
    }

    @Test
    void withoutACredentialThePlatformApiIsOff() {
        assertThatThrownBy(() -> caller(Optional.empty(), Optional.empty()).admit("Bearer "))
                .isInstanceOf(Unauthorized.class).hasMessageContaining("no platform credential is configured");
    }

    @Test
    void afterTooManyWrongCredentialsEvenTheRightOneIsRefusedUntilTheMinuteEnds() {
        PlatformCaller caller = caller(Optional.of("platform-secret"), Optional.empty());
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> caller.admit("Bearer guess")).isInstanceOf(Unauthorized.class);
        }
        assertThatThrownBy(() -> caller.admit("Bearer platform-secret")).isInstanceOf(FailedAttempts.TooMany.class);
        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThat(caller.admit("Bearer platform-secret")).isEqualTo("platform");
    }
}

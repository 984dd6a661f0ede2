package dev.fivenines.auth.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformCredentialTest {

    @Test
    void aRotatedSecretTakesEffectAtTheNextReadAndTheOldOneStopsWorking(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("credential");
        Files.writeString(file, "first-secret\n");
        PlatformCredential credential = PlatformCredential.of(Optional.empty(), Optional.of(file));
        assertThat(credential.matches("first-secret")).isTrue();
        Files.writeString(file, "second-secret");
        credential.refresh();
        assertThat(credential.matches("second-secret")).isTrue();
        assertThat(credential.matches("first-secret")).isFalse();
    }

    @Test
    void aFileThatDisappearsKeepsTheSecretReadBeforeAndAnEmptyFileTurnsTheApiOff(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("credential");
        Files.writeString(file, "first-secret");
        PlatformCredential credential = PlatformCredential.of(Optional.empty(), Optional.of(file));
        Files.delete(file);
        credential.refresh();
        assertThat(credential.matches("first-secret")).isTrue();
        Files.writeString(file, "  \n");
        credential.refresh();
        assertThat(credential.configured()).isFalse();
        assertThat(credential.matches("")).isFalse();
    }

    @Test
    void theConfiguredValueWinsOverTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("credential");
        Files.writeString(file, "from-file");
        PlatformCredential credential = PlatformCredential.of(Optional.of("from-config"), Optional.of(file));
        assertThat(credential.matches("from-config")).isTrue();
        assertThat(credential.matches("from-file")).isFalse();
    }
}

package dev.fivenines.auth.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bootstrap admin secrets from a mounted Secret: laid out the way the kubelet lays out a Secret volume. */
class BootstrapSecretsTest {

    private static final java.util.function.Predicate<String> TENANT = t -> t.matches("^[a-z0-9][a-z0-9-]{0,62}$");

    /** The kubelet's layout: the files live in a timestamped folder, ..data points at it, each key links through ..data. */
    private static Path secretVolume(Path dir, Map<String, String> data) throws Exception {
        Path version = Files.createDirectory(dir.resolve("..2026_12_01_00_00_00.000000001"));
        for (var entry : data.entrySet()) {
            Files.writeString(version.resolve(entry.getKey()), entry.getValue());
        }
        Files.createSymbolicLink(dir.resolve("..data"), version.getFileName());
        for (String key : data.keySet()) {
            Files.createSymbolicLink(dir.resolve(key), Path.of("..data").resolve(key));
        }
        return dir;
    }

    @Test
    void eachKeyOfTheMountedSecretIsATenantsSecretTrimmed(@TempDir Path dir) throws Exception {
        secretVolume(dir, Map.of("acme", "s3cret\n", "globex", "other"));
        var secrets = new BootstrapSecrets(Map.of(), Optional.of(dir), TENANT);
        assertThat(secrets.of("acme")).contains("s3cret");
        assertThat(secrets.of("globex")).contains("other");
        assertThat(secrets.of("initech")).isEmpty();
    }

    @Test
    void keysThatAreNoTenantIdAndEmptySecretsAreIgnored(@TempDir Path dir) throws Exception {
        secretVolume(dir, Map.of("Not_A_Tenant", "x", "empty", "  \n", "acme", "s3cret"));
        assertThat(BootstrapSecrets.read(dir, TENANT)).containsOnlyKeys("acme");
    }

    @Test
    void aRotatedSecretIsSeenAfterTheNextRefreshWithoutRestart(@TempDir Path dir) throws Exception {
        Path acme = Files.writeString(dir.resolve("acme"), "first");
        var secrets = new BootstrapSecrets(Map.of(), Optional.of(dir), TENANT);
        assertThat(secrets.of("acme")).contains("first");
        Files.writeString(acme, "second");
        assertThat(secrets.of("acme")).as("until the refresh, the secret read before").contains("first");
        secrets.refresh();
        assertThat(secrets.of("acme")).contains("second");
    }

    @Test
    void aConfiguredSecretWinsOverTheFolderAndAMissingFolderGivesNone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("acme"), "from-folder");
        assertThat(new BootstrapSecrets(Map.of("acme", "from-config"), Optional.of(dir), TENANT).of("acme")).contains("from-config");
        assertThat(new BootstrapSecrets(Map.of(), Optional.of(dir.resolve("absent")), TENANT).of("acme")).isEmpty();
    }
}

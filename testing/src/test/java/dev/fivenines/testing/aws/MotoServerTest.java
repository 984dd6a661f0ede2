package dev.fivenines.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the fixture finds moto's server, and what it says when it cannot. */
class MotoServerTest {

    @Test
    void withoutMotoServerOnThePathTheFixtureSaysHowToInstallIt(@TempDir Path empty) {
        assertThatThrownBy(() -> MotoServer.start(empty.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'moto_server' was not found on the PATH")
                .hasMessageContaining("pip install 'moto[server]'");
    }

    @Test
    void aMotoServerThatExitsAtOnceIsReportedWithItsLog(@TempDir Path directory) throws IOException {
        Path fake = directory.resolve(MotoServer.EXECUTABLE);
        Files.writeString(fake, "#!/bin/sh\necho 'ModuleNotFoundError: No module named flask' >&2\nexit 3\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(() -> MotoServer.start(directory.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("No module named flask")
                .hasMessageContaining("pip install 'moto[server]'");
    }

    @Test
    void theFirstExecutableMotoServerOnThePathIsUsed(@TempDir Path first, @TempDir Path second) throws IOException {
        Path notExecutable = Files.writeString(first.resolve(MotoServer.EXECUTABLE), "");
        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-------"));
        Path executable = Files.writeString(second.resolve(MotoServer.EXECUTABLE), "#!/bin/sh\n");
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwx------"));

        assertThat(MotoServer.locate(first + java.io.File.pathSeparator + second)).contains(executable);
    }
}

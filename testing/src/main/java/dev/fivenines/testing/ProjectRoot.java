package dev.fivenines.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root: the folder holding {@code e2e/bin/build-control-plane}. */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    public static Path find() {
        String configured = System.getProperty("test.project.root");
        if (configured != null && isRoot(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the Fivenines project root (a folder with e2e/bin/build-control-plane) "
                + "above " + Path.of("").toAbsolutePath() + "; set -Dtest.project.root=<checkout>");
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("e2e/bin/build-control-plane"));
    }
}

package dev.fivenines.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.fivenines.testing.ProjectRoot;

/**
 * The CRD YAML is generated from the Java model at build time and committed twice (crds/generated and
 * the chart). This fails the build when a committed copy no longer matches what the model generates.
 */
class CommittedCrdsAreUpToDateTest {

    private static final String FIX = "the committed CRD YAML is stale: run ./crds/regenerate from the project root, then commit crds/generated and helm/fivenines-operator/crds";

    @ParameterizedTest
    @ValueSource(strings = {"crds/generated", "helm/fivenines-operator/crds"})
    void committedCopyMatchesTheGeneratedCrds(String committed) throws IOException {
        Path root = ProjectRoot.find();
        Path generated = root.resolve("crds/target/classes/META-INF/fabric8");
        List<Path> files = list(generated);
        assertThat(files).as("CRDs generated from the model in %s", generated).hasSize(2);

        assertThat(list(root.resolve(committed)).stream().map(p -> p.getFileName().toString()))
                .as(FIX).containsExactlyInAnyOrderElementsOf(files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path file : files) {
            assertThat(Files.readString(root.resolve(committed).resolve(file.getFileName())))
                    .as("%s/%s: %s", committed, file.getFileName(), FIX)
                    .isEqualTo(Files.readString(file));
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }
}

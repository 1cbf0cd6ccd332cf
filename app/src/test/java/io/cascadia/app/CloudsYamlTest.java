package io.cascadia.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's clouds.yaml holds passwords: only its owner may ever read it. */
class CloudsYamlTest {
    @TempDir
    Path home;

    @Test
    void theFileIsReadableByItsOwnerOnlyAndReadsBack() throws IOException {
        Path file = home.resolve(".cascadia/clouds.yaml");

        CloudsYaml.write(file, "http://127.0.0.1:5000/v3", "demo-pw", "admin-pw", List.of("RegionOne"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(CloudsYaml.readPassword(file, CloudsYaml.DEMO_CLOUD)).contains("demo-pw");
        assertThat(CloudsYaml.readPassword(file, CloudsYaml.ADMIN_CLOUD)).contains("admin-pw");
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void rewritingReplacesThePasswordsAndKeepsTheFilePrivate() throws IOException {
        Path file = home.resolve(".cascadia/clouds.yaml");
        CloudsYaml.write(file, "http://127.0.0.1:5000/v3", "demo-pw", "admin-pw", List.of());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        CloudsYaml.write(file, "http://127.0.0.1:5000/v3", "demo-pw-2", "admin-pw-2", List.of());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(CloudsYaml.readPassword(file, CloudsYaml.DEMO_CLOUD)).contains("demo-pw-2");
    }

    @Test
    void passwordsNeverGoThroughALinkPlantedAtATemporaryName() throws IOException {
        Path file = home.resolve(".cascadia/clouds.yaml");
        Files.createDirectories(file.getParent());
        Path readable = Files.writeString(home.resolve("world-readable.txt"), "");
        Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(file.resolveSibling("clouds.yaml.tmp"), readable);

        CloudsYaml.write(file, "http://127.0.0.1:5000/v3", "demo-pw", "admin-pw", List.of());

        assertThat(Files.readString(readable)).doesNotContain("demo-pw").doesNotContain("admin-pw");
        assertThat(CloudsYaml.readPassword(file, CloudsYaml.DEMO_CLOUD)).contains("demo-pw");
        assertThat(Files.isSymbolicLink(file)).isFalse();
    }
}

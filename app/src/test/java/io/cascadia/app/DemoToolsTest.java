package io.cascadia.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoToolsTest {
    @TempDir
    Path bin;

    private void provide(String... commands) throws IOException {
        for (String command : commands) {
            Path file = Files.writeString(bin.resolve(command), "#!/bin/sh\n");
            assertThat(file.toFile().setExecutable(true)).isTrue();
        }
    }

    @Test
    void nothingIsMissingWhenEveryCommandTheStepsUseIsOnThePath() throws IOException {
        provide("openstack", "ip", "bridge", "ping", "nc");
        assertThat(new DemoTools(List.of(bin), false).missingPackages(true)).isEmpty();
    }

    @Test
    void theDataplaneCommandsAreNeededOnlyWithADataplane() throws IOException {
        provide("openstack", "ip");
        DemoTools tools = new DemoTools(List.of(bin), false);
        assertThat(tools.missingPackages(false)).isEmpty();
        assertThat(tools.missingPackages(true)).containsExactly("iproute2", "iputils-ping", "netcat-openbsd");
    }

    @Test
    void aFileThatIsNotExecutableDoesNotCount() throws IOException {
        Files.writeString(bin.resolve("openstack"), "not a program");
        assertThat(new DemoTools(List.of(bin), false).missingPackages(false)).containsExactly("python3-openstackclient");
    }

    @Test
    void withoutRootTheExactCommandThatInstallsWhatIsMissingIsPrinted() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        var missing = new DemoTools(List.of(bin), false).ensure(false, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(missing).containsExactly("python3-openstackclient");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
                "sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends python3-openstackclient'");
    }

    @Test
    void rootWithoutAptGetIsToldTheCommandToo() throws IOException {
        provide("ip", "bridge", "ping");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        var missing = new DemoTools(List.of(bin), true).ensure(true, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(missing).containsExactly("python3-openstackclient", "netcat-openbsd");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("python3-openstackclient netcat-openbsd");
    }
}

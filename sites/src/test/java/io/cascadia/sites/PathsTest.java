package io.cascadia.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathsTest {
    @Test
    void everySegmentIsPercentEncodedSoANameStaysOneSegment() {
        assertThat(Paths.of("os-keypairs", "my key")).isEqualTo("/os-keypairs/my%20key");
        assertThat(Paths.of("networks", "a/b?c#d%e+f", "tags", "x")).isEqualTo("/networks/a%2Fb%3Fc%23d%25e%2Bf/tags/x");
        assertThat(Paths.of("os-keypairs", "clé")).isEqualTo("/os-keypairs/cl%C3%A9");
        assertThat(Paths.of("servers", "6a2b4c1e-0000-4000-8000-00000000000a", "os-volume_attachments"))
                .isEqualTo("/servers/6a2b4c1e-0000-4000-8000-00000000000a/os-volume_attachments");
    }

    @Test
    void anEmptySegmentIsRefusedRatherThanCallingTheCollection() {
        assertThatThrownBy(() -> Paths.of("servers", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Paths.of("servers", (String) null)).isInstanceOf(IllegalArgumentException.class);
    }
}

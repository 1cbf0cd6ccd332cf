package io.cascadia.api.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Json;
import io.cascadia.web.ApiVersion;
import io.cascadia.web.AuthContext;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a server create's body reads at each microversion, before anything it names is looked up. */
class ServerCreateRequestTest {
    private static final String NETWORK = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    private static final String PORT = "4a2d3e5f-6b7c-4d8e-9f0a-1b2c3d4e5f6a";

    private static ComputeContext at(int minor) {
        AuthContext demo = new AuthContext("t", "u1", "demo", "default", "p1", "demo", "default", null, List.of("member"),
                Instant.now().plusSeconds(3600));
        return new ComputeContext(demo, ApiVersion.of(2, minor), "http://127.0.0.1/compute");
    }

    private static ServerCreateRequest parse(int minor, String body) {
        return ServerCreateRequest.parse(at(minor), Json.parseObject(body));
    }

    @Test
    void aMinimalBodyAsksForNovasChoiceOfNetworkAndTheDefaultGroupBefore237() {
        ServerCreateRequest request = parse(1, """
                {"name": "web", "flavorRef": "http://nova/flavors/42", "imageRef": "%s"}""".formatted(NETWORK));

        assertThat(request.flavorId()).isEqualTo("42");
        assertThat(request.imageId()).isEqualTo(NETWORK);
        assertThat(request.networks()).isNull();
        assertThat(request.securityGroupNames()).containsExactly("default");
        assertThat(request.count()).isEqualTo(1);
        assertThat(request.adminPass()).isNull();
    }

    @Test
    void from237NetworksAreRequiredAndNoneOrAutoAreWords() {
        assertThatThrownBy(() -> parse(37, """
                {"name": "web", "flavorRef": "1", "imageRef": "%s"}""".formatted(NETWORK)))
                .isInstanceOf(OpenStackException.class)
                .hasMessageContaining("'networks' is a required property");
        assertThat(parse(37, """
                {"name": "web", "flavorRef": "1", "imageRef": "%s", "networks": "none"}""".formatted(NETWORK)).networks())
                .isEmpty();
        assertThat(parse(37, """
                {"name": "web", "flavorRef": "1", "imageRef": "%s", "networks": "auto"}""".formatted(NETWORK)).networks())
                .isNull();
    }

    @Test
    void descriptionAndTagsCountOnlyFromTheirMicroversions() {
        String body = """
                {"name": "web", "flavorRef": "1", "imageRef": "%s", "networks": "none", "description": "d", "tags": ["a", "a", "b"]}"""
                .formatted(NETWORK);

        assertThat(parse(52, body).description()).isEqualTo("d");
        assertThat(parse(52, body).tags()).containsExactly("a", "b");
        assertThat(parse(37, body).description()).isEqualTo("d");
        assertThat(parse(37, body).tags()).isEmpty();
    }

    @Test
    void aBootVolumeReplacesTheImageAndRulesOutSeveralServers() {
        String volume = """
                {"name": "web", "flavorRef": "1", "networks": [{"uuid": "%s"}], %s
                 "block_device_mapping_v2": [{"boot_index": 0, "uuid": "v1", "source_type": "volume",
                  "destination_type": "volume", "delete_on_termination": true}]}""";

        ServerCreateRequest request = parse(2, volume.formatted(NETWORK, ""));
        assertThat(request.imageId()).isNull();
        assertThat(request.root()).isEqualTo(new ServerCreateRequest.RootVolume("v1", true));
        assertThatThrownBy(() -> parse(2, volume.formatted(NETWORK, "\"max_count\": 2,")))
                .hasMessage("Cannot attach one or more volumes to multiple instances");
    }

    @Test
    void countsAndPortsAreCheckedTogether() {
        assertThat(parse(2, """
                {"name": "web", "flavorRef": "1", "imageRef": "%s", "min_count": 2, "max_count": 3}""".formatted(NETWORK))
                .count()).isEqualTo(3);
        assertThatThrownBy(() -> parse(2, """
                {"name": "web", "flavorRef": "1", "imageRef": "%s", "min_count": 3, "max_count": 2}""".formatted(NETWORK)))
                .hasMessage("min_count must be <= max_count");
        assertThatThrownBy(() -> parse(2, """
                {"name": "web", "flavorRef": "1", "imageRef": "%s", "max_count": 2, "networks": [{"port": "%s"}]}"""
                .formatted(NETWORK, PORT)))
                .hasMessageStartingWith("Unable to launch multiple instances with a single configured port ID.");
    }

    @Test
    void aZoneLosesItsHostPartAndBadUserDataIsRefused() {
        assertThat(parse(2, """
                {"name": "web", "flavorRef": "1", "imageRef": "%s", "availability_zone": "az1:host7"}""".formatted(NETWORK))
                .zone()).isEqualTo("az1");
        assertThatThrownBy(() -> parse(2, """
                {"name": "web", "flavorRef": "1", "imageRef": "%s", "user_data": "not base64!"}""".formatted(NETWORK)))
                .hasMessageContaining("is not a 'base64'");
    }
}

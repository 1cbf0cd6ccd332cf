package io.cascadia.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascadia.store.DatabaseConfig;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openstack4j.api.Builders;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.compute.Flavor;
import org.openstack4j.model.compute.Server;
import org.openstack4j.model.network.IPVersionType;
import org.openstack4j.model.network.Network;
import org.openstack4j.model.network.Port;
import org.openstack4j.model.network.Router;
import org.openstack4j.model.network.Subnet;
import org.openstack4j.openstack.OSFactory;

/** A real Java OpenStack client, openstack4j, builds networks and servers against the top API and reads them back. */
class Openstack4jTopApiTest {
    private static TopApiServer server;

    @BeforeAll
    static void start() {
        server = new TopApiServer(DatabaseConfig.inMemory("o4j-top-" + UUID.randomUUID()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static OSClientV3 login(String user, String project) {
        return OSFactory.builderV3()
                .endpoint(server.url() + "/v3")
                .credentials(user, TopApiServer.PASSWORD, Identifier.byId("default"))
                .scopeToProject(Identifier.byName(project), Identifier.byId("default"))
                .authenticate();
    }

    @Test
    void openstack4jBuildsANetworkWithASubnetPortAndRouter() {
        OSClientV3 alice = login("alice", "alpha");
        Network network = alice.networking().network().create(Builders.network().name("o4j-net").adminStateUp(true).build());
        Subnet subnet = alice.networking().subnet().create(Builders.subnet().name("o4j-sub").networkId(network.getId())
                .ipVersion(IPVersionType.V4).cidr("192.168.10.0/24").build());
        assertThat(subnet.getGateway()).isEqualTo("192.168.10.1");
        Port port = alice.networking().port().create(Builders.port().name("o4j-port").networkId(network.getId()).build());
        assertThat(port.getFixedIps()).singleElement().satisfies(ip -> assertThat(ip.getIpAddress()).isEqualTo("192.168.10.2"));
        assertThat(port.getMacAddress()).startsWith("fa:16:3e:");
        Router router = alice.networking().router().create(Builders.router().name("o4j-router").build());
        assertThat(alice.networking().router().attachInterface(router.getId(),
                org.openstack4j.model.network.AttachInterfaceType.SUBNET, subnet.getId()).getPortId()).isNotBlank();
        assertThat(alice.networking().network().list()).extracting(Network::getName).contains("o4j-net");
        assertThat(alice.networking().network().get(network.getId()).getSubnets()).containsExactly(subnet.getId());

        OSClientV3 bob = login("bob", "beta");
        assertThat(bob.networking().network().get(network.getId())).isNull();
        assertThat(bob.networking().port().list()).extracting(Port::getId).doesNotContain(port.getId());
    }

    @Test
    void openstack4jCreatesAServerThatStaysInBuildAndListsIt() {
        OSClientV3 admin = login("admin", "admin");
        Flavor flavor = admin.compute().flavors().create(Builders.flavor().name("o4j.tiny").ram(256).vcpus(1).disk(1).build());
        String image = server.client().send("POST", "/image/v2/images", java.util.Map.of("X-Auth-Token", server.token("admin", "admin")),
                "{\"name\": \"o4j-image\", \"visibility\": \"public\"}").json().get("id").asText();
        server.client().send("PUT", "/image/v2/images/" + image + "/file", java.util.Map.of("X-Auth-Token",
                server.token("admin", "admin")), "data".getBytes(), "application/octet-stream");

        OSClientV3 alice = login("alice", "alpha");
        Network network = alice.networking().network().create(Builders.network().name("o4j-vm-net").build());
        alice.networking().subnet().create(Builders.subnet().networkId(network.getId()).ipVersion(IPVersionType.V4)
                .cidr("192.168.20.0/24").build());
        Server created = alice.compute().servers().boot(Builders.server().name("o4j-vm").flavor(flavor.getId()).image(image)
                .networks(List.of(network.getId())).build());
        assertThat(created.getId()).isNotBlank();
        Server shown = alice.compute().servers().get(created.getId());
        assertThat(shown.getStatus()).isEqualTo(Server.Status.BUILD);
        assertThat(shown.getAddresses().getAddresses("o4j-vm-net")).singleElement()
                .satisfies(address -> assertThat(address.getAddr()).isEqualTo("192.168.20.2"));
        assertThat(alice.compute().servers().list()).extracting(Server::getName).contains("o4j-vm");
        assertThat(login("bob", "beta").compute().servers().get(created.getId())).isNull();
    }
}

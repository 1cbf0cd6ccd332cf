package io.cascadia.api.identity;

import io.cascadia.api.TopServer;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascadia.api.MutableClock;
import io.cascadia.store.DatabaseConfig;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.identity.v3.Project;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.model.identity.v3.User;
import org.openstack4j.openstack.OSFactory;

/** A real Java OpenStack client, openstack4j, authenticates and administers identity against Cascadia. */
class Openstack4jClientTest {
    private static TopServer server;

    @BeforeAll
    static void start() {
        server = new TopServer(DatabaseConfig.inMemory("o4j-" + UUID.randomUUID()), new MutableClock());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static OSClientV3 admin() {
        return OSFactory.builderV3()
                .endpoint(server.url() + "/v3")
                .credentials("admin", TopServer.ADMIN_PASSWORD, Identifier.byName("Default"))
                .scopeToProject(Identifier.byName("admin"), Identifier.byName("Default"))
                .authenticate();
    }

    @Test
    void openstack4jAuthenticatesAndReadsTheCatalog() {
        Token token = admin().getToken();

        assertThat(token.getProject().getName()).isEqualTo("admin");
        assertThat(token.getRoles()).extracting(r -> r.getName()).contains("admin", "member", "reader");
        assertThat(token.getCatalog()).anySatisfy(service -> {
            assertThat(service.getType()).isEqualTo("identity");
            assertThat(service.getEndpoints().getFirst().getRegion()).isEqualTo("Cascading");
        });
    }

    @Test
    void openstack4jCreatesAProjectAndAUserWhoCanThenLogIn() {
        OSClientV3 admin = admin();
        Project project = admin.identity().projects().create(
                org.openstack4j.openstack.identity.v3.domain.KeystoneProject.builder()
                        .name("o4j-project").domainId("default").enabled(true).build());
        User user = admin.identity().users().create(
                org.openstack4j.openstack.identity.v3.domain.KeystoneUser.builder()
                        .name("o4j-user").password("o4j-pw").domainId("default").enabled(true).build());
        String member = admin.identity().roles().getByName("member").getFirst().getId();
        admin.identity().roles().grantProjectUserRole(project.getId(), user.getId(), member);
        assertThat(admin.identity().projects().list()).extracting(Project::getName).contains("admin", "demo", "o4j-project");

        // openstack4j keeps the current session per thread: from here on, calls act as the new user

        OSClientV3 userClient = OSFactory.builderV3()
                .endpoint(server.url() + "/v3")
                .credentials("o4j-user", "o4j-pw", Identifier.byName("Default"))
                .scopeToProject(Identifier.byId(project.getId()))
                .authenticate();

        assertThat(userClient.getToken().getProject().getId()).isEqualTo(project.getId());
        assertThat(userClient.identity().users().get(user.getId()).getName()).isEqualTo("o4j-user");
    }
}

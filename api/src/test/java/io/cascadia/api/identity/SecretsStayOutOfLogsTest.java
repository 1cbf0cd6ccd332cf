package io.cascadia.api.identity;

import io.cascadia.api.TestTokens;
import io.cascadia.api.TopServer;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cascadia.api.MutableClock;
import io.cascadia.store.DatabaseConfig;
import io.cascadia.testkit.WireClient;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Passwords and tokens never reach the logs, whether authentication succeeds or fails. */
class SecretsStayOutOfLogsTest {
    @Test
    void noLogLineContainsAPasswordOrAToken() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        Level previous = root.getLevel();
        root.setLevel(Level.DEBUG);
        try (TopServer server = new TopServer(DatabaseConfig.inMemory("logs-" + UUID.randomUUID()), new MutableClock())) {
            WireClient client = new WireClient(server.url());
            String token = TestTokens.issue(client, "demo", TopServer.DEMO_PASSWORD, "demo");
            client.send("POST", "/v3/auth/tokens", Map.of(), TestTokens.passwordBody("demo", "wrong-password-42", "demo"));
            client.get("/v3/users/" + server.demoUser.id(), Map.of("X-Auth-Token", token));
            client.send("DELETE", "/v3/auth/tokens", Map.of("X-Auth-Token", token, "X-Subject-Token", token), null);
            client.get("/v3/projects", Map.of("X-Auth-Token", token));

            assertThat(appender.list).isNotEmpty();
            for (ILoggingEvent event : appender.list) {
                String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
                assertThat(line).doesNotContain(TopServer.DEMO_PASSWORD, "wrong-password-42", token);
            }
        } finally {
            root.detachAppender(appender);
            root.setLevel(previous);
        }
    }
}

package io.cascadia.api.identity;

import static io.cascadia.api.identity.IdentityApiContract.assertKeystoneError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cascadia.api.MutableClock;
import io.cascadia.api.TestTokens;
import io.cascadia.api.TopServer;
import io.cascadia.api.identity.IdentityConfig.FailureLimit;
import io.cascadia.core.identity.User;
import io.cascadia.store.DatabaseConfig;
import io.cascadia.store.identity.IdentityRepositories;
import io.cascadia.testkit.WireClient;
import io.cascadia.testkit.WireClient.Answer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keystone's {@code lockout_failure_attempts} over HTTP: failed passwords lock the user, and a client failing across
 * users locks itself, both before any password is hashed.
 */
class PasswordLockoutTest {
    private static final Duration USER_LOCKOUT = Duration.ofMinutes(30);
    private static final Duration SOURCE_LOCKOUT = Duration.ofMinutes(5);

    private TopServer server;
    private WireClient client;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void afterSixFailedPasswordsEvenTheRightOneIsRefusedUntilTheLockoutHasPassed() {
        start(new FailureLimit(6, USER_LOCKOUT), FailureLimit.OFF);
        for (int i = 0; i < 6; i++) {
            assertRefused(login("demo", "wrong-" + i));
        }

        assertRefused(login("demo", TopServer.DEMO_PASSWORD));
        server.clock.advance(USER_LOCKOUT.minusSeconds(1));
        assertRefused(login("demo", TopServer.DEMO_PASSWORD));
        assertThat(login("admin", TopServer.ADMIN_PASSWORD).status()).isEqualTo(201);

        server.clock.advance(Duration.ofSeconds(2));
        assertThat(login("demo", TopServer.DEMO_PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void aSuccessResetsTheCountOfFailures() {
        start(new FailureLimit(6, USER_LOCKOUT), FailureLimit.OFF);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 5; i++) {
                assertRefused(login("demo", "wrong-" + i));
            }
            assertThat(login("demo", TopServer.DEMO_PASSWORD).status()).as("round " + round).isEqualTo(201);
        }
    }

    @Test
    void failuresFurtherApartThanTheLockoutDurationDoNotAddUp() {
        start(new FailureLimit(3, USER_LOCKOUT), FailureLimit.OFF);
        for (int i = 0; i < 5; i++) {
            assertRefused(login("demo", "wrong-" + i));
            server.clock.advance(USER_LOCKOUT.plusSeconds(1));
        }
        assertThat(login("demo", TopServer.DEMO_PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void aWrongOriginalPasswordInAPasswordChangeCountsTowardTheLockout() {
        start(new FailureLimit(3, USER_LOCKOUT), FailureLimit.OFF);
        String demo = TestTokens.issue(client, "demo", TopServer.DEMO_PASSWORD, "demo");
        for (int i = 0; i < 3; i++) {
            Answer change = client.send("POST", "/v3/users/" + server.demoUser.id() + "/password", Map.of("X-Auth-Token", demo),
                    "{\"user\": {\"original_password\": \"wrong-%d\", \"password\": \"new-secret\"}}".formatted(i));
            assertRefused(change);
        }

        Answer right = client.send("POST", "/v3/users/" + server.demoUser.id() + "/password", Map.of("X-Auth-Token", demo),
                "{\"user\": {\"original_password\": \"%s\", \"password\": \"new-secret\"}}".formatted(TopServer.DEMO_PASSWORD));
        assertRefused(right);
        assertRefused(login("demo", TopServer.DEMO_PASSWORD));
    }

    @Test
    void aLockedOutUserIsRefusedBeforeThePasswordIsHashed() {
        start(new FailureLimit(3, USER_LOCKOUT), FailureLimit.OFF);
        for (int i = 0; i < 3; i++) {
            assertRefused(login("demo", "wrong-" + i));
        }
        // a hash that takes minutes to check: answering at once shows the check did not run
        IdentityRepositories repositories = IdentityRepositories.of(server.database.jdbi());
        User demo = repositories.users().find(server.demoUser.id()).orElseThrow();
        String slowHash = demo.passwordHash().replaceFirst("\\$pbkdf2-sha512\\$\\d+\\$", "\\$pbkdf2-sha512\\$200000000\\$");
        repositories.users().update(new User(demo.id(), demo.domainId(), demo.name(), slowHash, demo.enabled(),
                demo.defaultProjectId(), demo.email(), demo.description()));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertRefused(login("demo", TopServer.DEMO_PASSWORD)));
    }

    @Test
    void oneClientFailingAcrossManyUsersIsRefusedForEveryUserUntilItsLockoutHasPassed() {
        start(new FailureLimit(100, USER_LOCKOUT), new FailureLimit(5, SOURCE_LOCKOUT));
        assertRefused(login("demo", "wrong"));
        assertRefused(login("admin", "wrong"));
        assertThat(login("demo", TopServer.DEMO_PASSWORD).status()).isEqualTo(201);
        assertRefused(login("nobody", "wrong"));
        assertRefused(login("nobody-else", "wrong"));
        assertRefused(login("admin", "wrong"));

        assertRefused(login("admin", TopServer.ADMIN_PASSWORD));
        assertRefused(login("demo", TopServer.DEMO_PASSWORD));

        server.clock.advance(SOURCE_LOCKOUT.plusSeconds(1));
        assertThat(login("admin", TopServer.ADMIN_PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void aUserExemptedFromLockoutKeepsLoggingInAfterFailedPasswords() {
        start(new FailureLimit(3, USER_LOCKOUT), FailureLimit.OFF);
        server.tokens.exemptFromLockout(server.demoUser.id());
        for (int i = 0; i < 10; i++) {
            assertRefused(login("demo", "wrong-" + i));
        }
        assertThat(login("demo", TopServer.DEMO_PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void limitsSetToZeroAreOff() {
        start(FailureLimit.OFF, FailureLimit.OFF);
        for (int i = 0; i < 50; i++) {
            assertRefused(login("demo", "wrong-" + i));
        }
        assertThat(login("demo", TopServer.DEMO_PASSWORD).status()).isEqualTo(201);
    }

    private void start(FailureLimit user, FailureLimit source) {
        IdentityConfig defaults = TopServer.identityConfig();
        server = new TopServer(DatabaseConfig.inMemory("lockout-" + UUID.randomUUID()), new MutableClock(),
                new IdentityConfig(defaults.tokenExpiration(), defaults.passwordHashRounds(), defaults.tokenCacheTtl(),
                        defaults.tokenCacheSize(), user, source));
        client = new WireClient(server.url());
    }

    private Answer login(String user, String password) {
        return client.send("POST", "/v3/auth/tokens", Map.of(), TestTokens.passwordBody(user, password, null));
    }

    private static void assertRefused(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(401);
        assertKeystoneError(answer, 401);
        assertThat(answer.json().at("/error/message").asText()).isEqualTo("The request you have made requires authentication.");
    }
}

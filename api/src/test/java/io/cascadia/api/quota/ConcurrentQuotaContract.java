package io.cascadia.api.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascadia.api.Caller;
import io.cascadia.api.TopApiServer;
import io.cascadia.store.DatabaseConfig;
import io.cascadia.testkit.WireClient.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Quotas hold under concurrent creates: of N creates racing for K places left, exactly K succeed and the others get
 * the service's over-limit fault (Nova's 403 {@code forbidden}, Neutron's 409 {@code OverQuota}). Runs against each
 * engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConcurrentQuotaContract {
    private static final int RACERS = 8;
    private static final int QUOTA = 3;
    private TopApiServer server;
    private Caller alice;
    private Caller bob;
    private Caller admin;

    abstract DatabaseConfig newDatabase();

    @BeforeAll
    void start() {
        server = new TopApiServer(newDatabase());
        alice = new Caller(server.client(), server.token("alice", "alpha"));
        bob = new Caller(server.client(), server.token("bob", "beta"));
        admin = new Caller(server.client(), server.token("admin", "admin"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static List<Answer> race(Supplier<Answer> create) throws Exception {
        CountDownLatch ready = new CountDownLatch(RACERS);
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(RACERS)) {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                answers.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return create.get();
                }));
            }
            ready.await();
            go.countDown();
            List<Answer> done = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                done.add(answer.get());
            }
            return done;
        }
    }

    private int count(String sql, String projectId) {
        return server.database.jdbi().withHandle(h -> h.createQuery(sql).bind("p", projectId).mapTo(Integer.class).one());
    }

    @Test
    void concurrentServerCreatesStopExactlyAtTheInstancesQuota() throws Exception {
        String flavor = admin.post("/compute/v2.1/flavors", """
                {"flavor": {"name": "m1.race", "ram": 64, "vcpus": 1, "disk": 1}}""").json().at("/flavor/id").asText();
        String image = admin.post("/image/v2/images", """
                {"name": "race", "disk_format": "raw", "container_format": "bare", "visibility": "public"}""").json().get("id").asText();
        admin.send("PUT", "/image/v2/images/" + image + "/file", Map.of("Content-Type", "application/octet-stream"), "bytes");
        assertThat(admin.put("/compute/v2.1/os-quota-sets/" + server.alpha.id(),
                "{\"quota_set\": {\"instances\": " + QUOTA + "}}").status()).isEqualTo(200);

        List<Answer> answers = race(() -> alice.post("/compute/v2.1/servers", """
                {"server": {"name": "racer", "flavorRef": "%s", "imageRef": "%s", "networks": "none"}}""".formatted(flavor, image),
                Map.of("OpenStack-API-Version", "compute 2.79")));

        assertThat(answers.stream().filter(a -> a.status() == 202)).as(answers.toString()).hasSize(QUOTA);
        List<Answer> refused = answers.stream().filter(a -> a.status() != 202).toList();
        assertThat(refused).hasSize(RACERS - QUOTA).allSatisfy(a -> {
            assertThat(a.status()).as(a.text()).isEqualTo(403);
            assertThat(a.json().at("/forbidden/code").asInt()).isEqualTo(403);
            assertThat(a.json().at("/forbidden/message").asText()).startsWith("Quota exceeded for instances");
        });
        assertThat(count("select count(*) from server where project_id = :p", server.alpha.id())).isEqualTo(QUOTA);
    }

    @Test
    void concurrentKeypairCreatesStopExactlyAtTheKeyPairsQuota() throws Exception {
        assertThat(admin.put("/compute/v2.1/os-quota-sets/" + server.beta.id(),
                "{\"quota_set\": {\"key_pairs\": " + QUOTA + "}}").status()).isEqualTo(200);
        String publicKey = alice.post("/compute/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"generated\"}}").json()
                .at("/keypair/public_key").asText();
        AtomicInteger names = new AtomicInteger();

        List<Answer> answers = race(() -> bob.post("/compute/v2.1/os-keypairs", """
                {"keypair": {"name": "racer-%d", "public_key": "%s"}}""".formatted(names.incrementAndGet(), publicKey)));

        assertThat(answers.stream().filter(a -> a.status() == 200)).as(answers.toString()).hasSize(QUOTA);
        assertThat(answers.stream().filter(a -> a.status() != 200).toList()).hasSize(RACERS - QUOTA).allSatisfy(a -> {
            assertThat(a.status()).as(a.text()).isEqualTo(403);
            assertThat(a.json().at("/forbidden/message").asText()).isEqualTo("Quota exceeded, too many key pairs.");
        });
        assertThat(count("select count(*) from keypair where user_id = :p", bobsUserId())).isEqualTo(QUOTA);
    }

    private String bobsUserId() {
        return admin.get("/v3/users?name=bob").json().at("/users/0/id").asText();
    }

    @Test
    void concurrentNetworkCreatesStopExactlyAtTheNetworkQuota() throws Exception {
        assertThat(admin.put("/networking/v2.0/quotas/" + server.beta.id(), "{\"quota\": {\"network\": " + QUOTA + "}}").status())
                .isEqualTo(200);

        List<Answer> answers = race(() -> bob.post("/networking/v2.0/networks", "{\"network\": {\"name\": \"racer\"}}"));

        assertThat(answers.stream().filter(a -> a.status() == 201)).as(answers.toString()).hasSize(QUOTA);
        List<Answer> refused = answers.stream().filter(a -> a.status() != 201).toList();
        assertThat(refused).hasSize(RACERS - QUOTA).allSatisfy(a -> {
            assertThat(a.status()).as(a.text()).isEqualTo(409);
            assertThat(a.json().at("/NeutronError/type").asText()).isEqualTo("OverQuota");
        });
        assertThat(count("select count(*) from network where project_id = :p", server.beta.id())).isEqualTo(QUOTA);
    }
}

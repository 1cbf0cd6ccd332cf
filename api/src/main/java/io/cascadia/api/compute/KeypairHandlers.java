package io.cascadia.api.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.compute.Keypair;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.json.Json;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.time.Timestamps;
import io.cascadia.store.Constraints;
import io.cascadia.store.compute.Keypairs;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.web.Responses;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code /os-keypairs}: keys are the calling user's (administrators may name another user from 2.10); a create
 * without {@code public_key} generates a pair and returns the private key once, never to be seen again. Deleting a
 * keypair that sites hold copies of enqueues {@code keypair.delete} with the delete.
 */
final class KeypairHandlers {
    private static final Set<String> CREATE = Set.of("name", "public_key", "type", "user_id");

    private final Keypairs keypairs;
    private final ComputeQuotas quotas;
    private final Jdbi jdbi;
    private final RoutingTable routing;
    private final JobQueue jobs;
    private final Clock clock;

    KeypairHandlers(Keypairs keypairs, ComputeQuotas quotas, Jdbi jdbi, JobQueue jobs, Clock clock) {
        this.keypairs = keypairs;
        this.quotas = quotas;
        this.jdbi = jdbi;
        this.routing = new RoutingTable(jdbi);
        this.jobs = jobs;
        this.clock = clock;
    }

    void register(VersionedRoutes<ComputeContext> routes) {
        routes.get("/os-keypairs", this::list);
        routes.post("/os-keypairs", this::create);
        routes.get("/os-keypairs/{name}", this::show);
        routes.delete("/os-keypairs/{name}", this::delete);
    }

    private String user(Context ctx, ComputeContext c, String requested) {
        String user = requested != null ? requested : c.atLeast(10) ? ctx.queryParam("user_id") : null;
        if (user == null || user.equals(c.auth().userId())) {
            return c.auth().userId();
        }
        if (!c.admin()) {
            throw Nova.policy("os_compute_api:os-keypairs");
        }
        return user;
    }

    private Keypair found(String user, String name) {
        return keypairs.find(user, name).orElseThrow(() -> Nova.notFound("Keypair " + Nova.show(name)
                + " not found for user " + user));
    }

    private void list(Context ctx, ComputeContext c) {
        String user = user(ctx, c, null);
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("keypairs");
        for (Keypair keypair : keypairs.list(user)) {
            ObjectNode node = Json.object()
                    .put("name", keypair.name())
                    .put("public_key", keypair.publicKey())
                    .put("fingerprint", keypair.fingerprint());
            if (c.atLeast(2)) {
                node.put("type", keypair.type());
            }
            array.addObject().set("keypair", node);
        }
        Responses.json(ctx, 200, body);
    }

    private void show(Context ctx, ComputeContext c) {
        Keypair keypair = found(user(ctx, c, null), ctx.pathParam("name"));
        ObjectNode node = Json.object()
                .put("name", keypair.name())
                .put("public_key", keypair.publicKey())
                .put("fingerprint", keypair.fingerprint())
                .put("user_id", keypair.userId())
                .put("created_at", Timestamps.micros(keypair.createdAt()).replace("Z", ""))
                .put("deleted", false)
                .putNull("deleted_at")
                .putNull("updated_at")
                .put("id", keypair.id());
        if (c.atLeast(2)) {
            node.put("type", keypair.type());
        }
        Responses.json(ctx, 200, Json.object().set("keypair", node));
    }

    private void create(Context ctx, ComputeContext c) {
        ObjectNode body = Nova.body(ctx, "keypair", c.atLeast(10) ? CREATE : c.atLeast(2) ? Set.of("name", "public_key", "type")
                : Set.of("name", "public_key"));
        String name = Nova.string(body, "name", 1, 255);
        if (name == null) {
            throw OpenStackException.badRequest("Invalid input for field/attribute keypair. Value: " + Nova.show(body.toString())
                    + ". 'name' is a required property");
        }
        if (!name.matches("[a-zA-Z0-9 _.@-]+") || name.isBlank()) {
            throw OpenStackException.badRequest("Keypair data is invalid: Keypair name contains unsafe characters");
        }
        String type = c.atLeast(2) ? java.util.Optional.ofNullable(Nova.string(body, "type", 1, 16)).orElse("ssh") : "ssh";
        if (!type.equals("ssh")) {
            throw type.equals("x509")
                    ? OpenStackException.badRequest("Keypair data is invalid: x509 keypairs are not supported by Cascadia")
                    : Nova.invalid("type", body.get("type"), "is not one of ['ssh', 'x509']");
        }
        String user = user(ctx, c, Nova.string(body, "user_id", 1, 255));
        String publicKey = Nova.string(body, "public_key", 0, 8192);
        SshKeys.Generated generated = publicKey == null ? SshKeys.generate() : null;
        String key = generated != null ? generated.publicKey() : publicKey.trim();
        String fingerprint = generated != null ? generated.fingerprint() : SshKeys.fingerprint(key);
        Keypair keypair = new Keypair(0, user, name, type, key, fingerprint, clock.instant().truncatedTo(ChronoUnit.MICROS));
        try {
            jdbi.useTransaction(h -> {
                quotas.checkKeypairs(c.project(), user);
                keypairs.insert(keypair);
            });
        } catch (RuntimeException e) {
            if (Constraints.isUniqueViolation(e)) {
                throw OpenStackException.conflict("Key pair '" + name + "' already exists.");
            }
            throw e;
        }
        ObjectNode node = Json.object()
                .put("name", name)
                .put("public_key", key)
                .put("fingerprint", fingerprint)
                .put("user_id", user);
        if (generated != null) {
            node.put("private_key", generated.privateKey());
        }
        if (c.atLeast(2)) {
            node.put("type", type);
        }
        Responses.json(ctx, c.atLeast(2) ? 201 : 200, Json.object().set("keypair", node));
    }

    private void delete(Context ctx, ComputeContext c) {
        String user = user(ctx, c, null);
        Keypair keypair = found(user, ctx.pathParam("name"));
        String id = Long.toString(keypair.id());
        jdbi.useTransaction(h -> {
            keypairs.delete(user, keypair.name());
            if (routing.hasCopies(id, ResourceKind.KEYPAIR)) {
                jobs.enqueue(JobSpec.of(JobType.KEYPAIR_RELEASE, id, null));
            }
        });
        ctx.status(c.atLeast(2) ? 204 : 202);
    }
}

package io.cascadia.emulator.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Fields;
import io.cascadia.core.json.Json;
import io.cascadia.web.PageRequest;
import io.cascadia.web.Responses;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code /os-keypairs}: import or generate (with the private key in the answer), list, show, delete. Keypairs are
 * the calling user's; administrators may name another user from microversion 2.10.
 */
final class KeypairHandlers {
    private static final Pattern NAME = Pattern.compile("(?! )[a-zA-Z0-9. _-]{1,255}(?<! )");
    static final DateTimeFormatter NAIVE_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final Keypairs keypairs;
    private final Clock clock;

    KeypairHandlers(Keypairs keypairs, Clock clock) {
        this.keypairs = keypairs;
        this.clock = clock;
    }

    void register(VersionedRoutes<NovaRequest> routes) {
        routes.get("/os-keypairs", this::list);
        routes.post("/os-keypairs", this::create);
        routes.get("/os-keypairs/{name}", this::show);
        routes.delete("/os-keypairs/{name}", this::delete);
    }

    private String userOf(Context ctx, NovaRequest request) {
        String userId = ctx.queryParam("user_id");
        if (userId == null || userId.equals(request.auth().userId()) || !request.atLeast(10)) {
            return request.auth().userId();
        }
        NovaPolicy.requireAdmin(request, "os_compute_api:os-keypairs:index");
        return userId;
    }

    private void list(Context ctx, NovaRequest request) {
        String userId = userOf(ctx, request);
        PageRequest page = request.atLeast(35) ? PageRequest.parse(ctx, 1000) : new PageRequest(0, null);
        int limit = page.limit() == 0 ? Integer.MAX_VALUE : page.limit();
        if (page.marker() != null && keypairs.find(userId, page.marker()).isEmpty()) {
            throw OpenStackException.badRequest("marker [" + page.marker() + "] not found");
        }
        List<Keypair> selected = new ArrayList<>();
        for (Keypair keypair : keypairs.of(userId)) {
            if (page.marker() != null && keypair.name().compareTo(page.marker()) <= 0) {
                continue;
            }
            if (selected.size() == limit) {
                break;
            }
            selected.add(keypair);
        }
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("keypairs");
        for (Keypair keypair : selected) {
            ObjectNode item = array.addObject().putObject("keypair")
                    .put("name", keypair.name())
                    .put("public_key", keypair.publicKey())
                    .put("fingerprint", keypair.fingerprint());
            if (request.atLeast(2)) {
                item.put("type", keypair.type());
            }
        }
        if (limit != Integer.MAX_VALUE && selected.size() == limit) {
            body.putArray("keypairs_links").addObject()
                    .put("href", page.nextHref(ctx, selected.getLast().name()))
                    .put("rel", "next");
        }
        Responses.json(ctx, 200, body);
    }

    private void create(Context ctx, NovaRequest request) {
        ObjectNode body = Fields.requiredObject(Json.parseObject(ctx.body()), "keypair");
        String name = Fields.requiredString(body, "name");
        if (!NAME.matcher(name).matches()) {
            throw OpenStackException.badRequest("Invalid input for field/attribute name. Value: " + shorten(name)
                    + ". '" + shorten(name) + "' does not match '^(?! )[a-zA-Z0-9. _-]+(?<! )$'");
        }
        String type = request.atLeast(2) ? Fields.optionalString(body, "type").orElse("ssh") : "ssh";
        if (!type.equals("ssh") && !type.equals("x509")) {
            throw OpenStackException.badRequest("Invalid input for field/attribute type. Value: " + shorten(type)
                    + ". '" + shorten(type) + "' is not one of ['ssh', 'x509']");
        }
        String caller = request.auth().userId();
        String userId = request.atLeast(10) ? Fields.optionalString(body, "user_id").orElse(caller) : caller;
        if (!userId.equals(caller)) {
            NovaPolicy.requireAdmin(request, "os_compute_api:os-keypairs:create");
        }
        String publicKey = Fields.optionalString(body, "public_key").orElse(null);
        String privateKey = null;
        if (publicKey == null) {
            if (type.equals("x509")) {
                throw OpenStackException.badRequest("Keypair data is invalid: this site cannot generate x509 keypairs; give a public_key");
            }
            SshKeys.Generated generated = SshKeys.generateRsa("Generated-by-Nova");
            publicKey = generated.publicKey();
            privateKey = generated.privateKey();
        }
        String fingerprint = type.equals("ssh") ? SshKeys.sshFingerprint(publicKey) : SshKeys.x509Fingerprint(publicKey);
        Keypair keypair = new Keypair(keypairs.nextId(), userId, name, type, publicKey, fingerprint, clock.instant());
        keypairs.add(keypair);
        ObjectNode view = Json.object()
                .put("name", keypair.name())
                .put("public_key", keypair.publicKey())
                .put("fingerprint", keypair.fingerprint())
                .put("user_id", keypair.userId());
        if (privateKey != null) {
            view.put("private_key", privateKey);
        }
        if (request.atLeast(2)) {
            view.put("type", keypair.type());
        }
        Responses.json(ctx, request.atLeast(2) ? 201 : 200, Json.object().set("keypair", view));
    }

    private void show(Context ctx, NovaRequest request) {
        String userId = userOf(ctx, request);
        String name = ctx.pathParam("name");
        Keypair keypair = keypairs.find(userId, name).orElseThrow(() -> Keypairs.notFound(userId, name));
        ObjectNode view = Json.object()
                .put("public_key", keypair.publicKey())
                .put("name", keypair.name())
                .put("fingerprint", keypair.fingerprint())
                .put("user_id", keypair.userId())
                .put("deleted", false)
                .put("created_at", NAIVE_MICROS.format(keypair.createdAt()))
                .putNull("updated_at")
                .putNull("deleted_at")
                .put("id", keypair.id());
        if (request.atLeast(2)) {
            view.put("type", keypair.type());
        }
        Responses.json(ctx, 200, Json.object().set("keypair", view));
    }

    private void delete(Context ctx, NovaRequest request) {
        keypairs.remove(userOf(ctx, request), ctx.pathParam("name"));
        ctx.status(request.atLeast(2) ? 204 : 202);
    }

    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}

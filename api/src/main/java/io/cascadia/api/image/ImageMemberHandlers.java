package io.cascadia.api.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.image.Image;
import io.cascadia.core.json.Json;
import io.cascadia.core.time.Timestamps;
import io.cascadia.store.image.Images;
import io.cascadia.store.image.Images.MemberRow;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * {@code /v2/images/{id}/members}: the owner of a shared image adds and removes projects; each member accepts or
 * rejects the image for itself, which decides whether it appears in the member's image list.
 */
final class ImageMemberHandlers {
    private static final Set<String> STATUSES = Set.of("pending", "accepted", "rejected");

    private final Images images;
    private final ImageHandlers imageHandlers;
    private final Clock clock;

    ImageMemberHandlers(Images images, ImageHandlers imageHandlers, Clock clock) {
        this.images = images;
        this.imageHandlers = imageHandlers;
        this.clock = clock;
    }

    void register(Router router) {
        router.get("/v2/images/{id}/members", this::list);
        router.post("/v2/images/{id}/members", this::add);
        router.get("/v2/images/{id}/members/{member}", this::show);
        router.put("/v2/images/{id}/members/{member}", this::update);
        router.delete("/v2/images/{id}/members/{member}", this::remove);
    }

    private void list(Context ctx, AuthContext auth) {
        Image image = imageHandlers.visible(auth, ctx.pathParam("id"));
        boolean owner = auth.isAdmin() || image.ownerProjectId().equals(auth.projectId());
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("members");
        for (MemberRow member : images.memberRows(image.id())) {
            if (owner || member.memberId().equals(auth.projectId())) {
                array.add(view(member));
            }
        }
        body.put("schema", "/v2/schemas/members");
        Responses.json(ctx, 200, body);
    }

    private void add(Context ctx, AuthContext auth) {
        Image image = imageHandlers.owned(auth, ctx.pathParam("id"), "add members to");
        if (!image.visibility().equals("shared")) {
            throw Glance.forbidden("Only shared images have members.");
        }
        ObjectNode body = Json.parseObject(ctx.body());
        String member = ImageHandlers.text(body, "member", 255);
        if (member == null || member.isEmpty()) {
            throw Glance.badRequest("Member to be added not specified");
        }
        if (images.member(image.id(), member).isPresent()) {
            throw OpenStackException.conflict("The target member " + member + " is already associated with image " + image.id() + ".");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        MemberRow row = new MemberRow(image.id(), member, "pending", now, now);
        images.insertMember(row);
        Responses.json(ctx, 200, view(row));
    }

    private void show(Context ctx, AuthContext auth) {
        Image image = imageHandlers.visible(auth, ctx.pathParam("id"));
        String member = ctx.pathParam("member");
        boolean allowed = auth.isAdmin() || image.ownerProjectId().equals(auth.projectId()) || member.equals(auth.projectId());
        MemberRow row = images.member(image.id(), member).filter(m -> allowed)
                .orElseThrow(() -> OpenStackException.notFound("Member " + Glance.show(member) + " not found"));
        Responses.json(ctx, 200, view(row));
    }

    private void update(Context ctx, AuthContext auth) {
        Image image = imageHandlers.visible(auth, ctx.pathParam("id"));
        String member = ctx.pathParam("member");
        MemberRow row = images.member(image.id(), member)
                .orElseThrow(() -> OpenStackException.notFound("Member " + Glance.show(member) + " not found"));
        if (!member.equals(auth.projectId()) && !auth.isAdmin()) {
            throw Glance.forbidden("You are not permitted to modify 'status' on this image member.");
        }
        String status = ImageHandlers.text(Json.parseObject(ctx.body()), "status", 16);
        if (status == null || !STATUSES.contains(status)) {
            throw Glance.badRequest("Provided object does not match schema 'member': '" + Glance.show(String.valueOf(status))
                    + "' is not one of ['accepted', 'pending', 'rejected']");
        }
        MemberRow updated = new MemberRow(row.imageId(), row.memberId(), status, row.createdAt(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        images.updateMember(updated);
        Responses.json(ctx, 200, view(updated));
    }

    private void remove(Context ctx, AuthContext auth) {
        Image image = imageHandlers.owned(auth, ctx.pathParam("id"), "remove members from");
        String member = ctx.pathParam("member");
        if (!images.deleteMember(image.id(), member)) {
            throw OpenStackException.notFound("Member " + Glance.show(member) + " not found");
        }
        ctx.status(204);
    }

    private static ObjectNode view(MemberRow member) {
        return Json.object()
                .put("image_id", member.imageId())
                .put("member_id", member.memberId())
                .put("status", member.status())
                .put("created_at", Timestamps.seconds(member.createdAt()))
                .put("updated_at", Timestamps.seconds(member.updatedAt()))
                .put("schema", "/v2/schemas/member");
    }
}

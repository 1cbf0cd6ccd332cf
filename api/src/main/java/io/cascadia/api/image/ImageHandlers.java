package io.cascadia.api.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.core.image.Image;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.json.Json;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.store.image.Images;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.web.AuthContext;
import io.cascadia.web.PageRequest;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code /v2/images}: create, list, show, JSON-patch update, delete, data upload and download, tags. Data is stored
 * in the top database; upload computes the MD5 {@code checksum} and the SHA-512 {@code os_hash_value} as it streams.
 * Deleting an image that sites hold copies of enqueues {@code image.release} with the delete.
 */
final class ImageHandlers {
    private static final Set<String> READ_ONLY = Set.of("status", "checksum", "size", "virtual_size", "created_at",
            "updated_at", "file", "self", "schema", "locations", "direct_url", "os_hash_algo", "os_hash_value");
    private static final Set<String> CORE = Set.of("id", "name", "visibility", "tags", "disk_format", "container_format",
            "min_disk", "min_ram", "protected", "os_hidden", "owner");
    private static final Set<String> DISK_FORMATS = Set.of("ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi",
            "iso", "ploop");
    private static final Set<String> CONTAINER_FORMATS = Set.of("ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed");
    private static final Set<String> VISIBILITIES = Set.of("public", "private", "shared", "community");
    private static final String PATCH_TYPE = "application/openstack-images-v2.1-json-patch";

    private final Jdbi jdbi;
    private final Images images;
    private final RoutingTable routing;
    private final JobQueue jobs;
    private final Clock clock;
    private final long sizeCap;

    ImageHandlers(Jdbi jdbi, Images images, RoutingTable routing, JobQueue jobs, Clock clock, long sizeCap) {
        this.sizeCap = sizeCap;
        this.jdbi = jdbi;
        this.images = images;
        this.routing = routing;
        this.jobs = jobs;
        this.clock = clock;
    }

    void register(Router router) {
        router.get("/v2/images", this::list);
        router.post("/v2/images", this::create);
        router.get("/v2/images/{id}", this::show);
        router.patch("/v2/images/{id}", this::update);
        router.delete("/v2/images/{id}", this::delete);
        router.put("/v2/images/{id}/file", this::upload);
        router.get("/v2/images/{id}/file", this::download);
        router.put("/v2/images/{id}/tags/{tag}", this::addTag);
        router.delete("/v2/images/{id}/tags/{tag}", this::removeTag);
    }

    /** The image if the caller may see it, else Glance's not-found. */
    Image visible(AuthContext auth, String id) {
        return images.find(id)
                .filter(i -> auth.isAdmin() || ImageVisibility.visible(i, auth.projectId(), images))
                .orElseThrow(() -> Glance.notFound(id));
    }

    /** The image if the caller owns it (or administers the cloud); a visible one it does not own is forbidden. */
    Image owned(AuthContext auth, String id, String action) {
        Image image = visible(auth, id);
        if (!auth.isAdmin() && !image.ownerProjectId().equals(auth.projectId())) {
            throw Glance.forbidden("You are not permitted to " + action + " image " + image.id() + ".");
        }
        return image;
    }

    private void list(Context ctx, AuthContext auth) {
        PageRequest page = PageRequest.parse(ctx, 1000);
        int limit = ctx.queryParam("limit") == null ? 25 : page.limit();
        if (page.marker() != null) {
            visible(auth, page.marker());
        }
        String visibility = ctx.queryParam("visibility");
        if (visibility != null && !VISIBILITIES.contains(visibility) && !visibility.equals("all")) {
            throw Glance.badRequest("Invalid visibility value: " + Glance.show(visibility));
        }
        List<Image> found = images.list(new Images.ImageQuery(auth.isAdmin() ? null : auth.projectId(), visibility,
                ctx.queryParam("name"), ctx.queryParam("status"), ctx.queryParam("owner"), page.marker(), limit));
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("images");
        found.forEach(i -> array.add(ImageViews.image(i)));
        body.put("first", "/v2/images").put("schema", "/v2/schemas/images");
        if (!found.isEmpty() && found.size() >= limit) {
            body.put("next", "/v2/images?marker=" + found.getLast().id() + "&limit=" + limit);
        }
        Responses.json(ctx, 200, body);
    }

    private void create(Context ctx, AuthContext auth) {
        ObjectNode body = Json.parseObject(ctx.body());
        for (String key : (Iterable<String>) body::fieldNames) {
            if (READ_ONLY.contains(key)) {
                throw Glance.forbidden("Attribute '" + key + "' is read-only.");
            }
        }
        String id = text(body, "id", 36);
        if (id != null && !Ids.isUuid(id)) {
            throw schema("'" + Glance.show(id) + "' is not a 'uuid'");
        }
        String owner = text(body, "owner", 255);
        if (owner != null && !owner.equals(auth.projectId()) && !auth.isAdmin()) {
            throw Glance.forbidden("You are not permitted to create images owned by '" + Glance.show(owner) + "'.");
        }
        String visibility = visibility(auth, text(body, "visibility", 16), "shared");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Image image = new Image(id != null ? id.toLowerCase(Locale.ROOT) : Ids.uuid(),
                owner != null ? owner : requireProject(auth), text(body, "name", 255), "queued", visibility,
                bool(body, "protected", false), format(body, "disk_format", DISK_FORMATS), format(body, "container_format", CONTAINER_FORMATS),
                number(body, "min_disk", 0), number(body, "min_ram", 0), null, null, null, null, tags(body.get("tags")),
                properties(body), now, now);
        if (images.find(image.id()).isPresent()) {
            throw OpenStackException.conflict("An image with identifier " + image.id() + " already exists");
        }
        images.insert(image);
        ctx.header("Location", ctx.scheme() + "://" + ctx.host() + "/image/v2/images/" + image.id());
        Responses.json(ctx, 201, ImageViews.image(image));
    }

    private void show(Context ctx, AuthContext auth) {
        Responses.json(ctx, 200, ImageViews.image(visible(auth, ctx.pathParam("id"))));
    }

    private void update(Context ctx, AuthContext auth) {
        String contentType = mediaType(ctx);
        if (!contentType.equals(PATCH_TYPE) && !contentType.equals("application/openstack-images-v2.0-json-patch")) {
            throw new OpenStackException(ErrorKind.UNSUPPORTED_MEDIA_TYPE,
                    "Content type " + Glance.show(contentType) + " is not supported. Use " + PATCH_TYPE + ".");
        }
        Image current = owned(auth, ctx.pathParam("id"), "modify");
        JsonNode patch = io.cascadia.core.json.Json.read(validJson(ctx.body()));
        if (!patch.isArray()) {
            throw Glance.badRequest("Request body must be a JSON array of operation objects.");
        }
        ImagePatch changes = new ImagePatch(current);
        for (JsonNode op : patch) {
            changes.apply(auth, op);
        }
        Image next = changes.result(clock.instant().truncatedTo(ChronoUnit.MICROS));
        images.update(next);
        Responses.json(ctx, 200, ImageViews.image(next));
    }

    private void delete(Context ctx, AuthContext auth) {
        Image image = owned(auth, ctx.pathParam("id"), "delete");
        if (image.isProtected()) {
            throw Glance.forbidden("Image " + image.id() + " is protected and cannot be deleted.");
        }
        jdbi.useTransaction(h -> {
            images.delete(image.id());
            if (routing.hasCopies(image.id(), ResourceKind.IMAGE)) {
                jobs.enqueueUnlessPending(JobSpec.of(JobType.IMAGE_RELEASE, image.id(), null));
            }
        });
        ctx.status(204);
    }

    /**
     * Stores the data and activates the image. The body is spooled to a temporary file first, so a slow client holds
     * no database connection; data over the size cap is a 413, and the image goes back to {@code queued} with no
     * data kept whenever the upload fails.
     */
    private void upload(Context ctx, AuthContext auth) throws IOException {
        Image image = owned(auth, ctx.pathParam("id"), "upload data for");
        String contentType = mediaType(ctx);
        if (!contentType.equals("application/octet-stream")) {
            throw new OpenStackException(ErrorKind.UNSUPPORTED_MEDIA_TYPE, "The request has an invalid Content-Type: "
                    + Glance.show(contentType) + ". Image data must be application/octet-stream.");
        }
        if (ctx.contentLength() > sizeCap) {
            throw SpooledUpload.tooLarge();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!images.transition(image.id(), "queued", "saving", now)) {
            throw OpenStackException.conflict("Image status transition from " + images.find(image.id()).map(Image::status)
                    .orElse("deleted") + " to saving is not allowed");
        }
        try (InputStream body = ctx.bodyInputStream(); SpooledUpload upload = SpooledUpload.of(body, sizeCap);
             InputStream data = upload.open()) {
            jdbi.useTransaction(h -> {
                long size = images.writeData(image.id(), data);
                Image current = images.find(image.id()).orElseThrow(() -> Glance.notFound(image.id()));
                images.update(new Image(current.id(), current.ownerProjectId(), current.name(), "active", current.visibility(),
                        current.isProtected(), current.diskFormat(), current.containerFormat(), current.minDisk(),
                        current.minRam(), size, upload.md5(), "sha512", upload.sha512(), current.tags(),
                        current.properties(), current.createdAt(), clock.instant().truncatedTo(ChronoUnit.MICROS)));
            });
        } catch (RuntimeException | IOException e) {
            images.transition(image.id(), "saving", "queued", clock.instant().truncatedTo(ChronoUnit.MICROS));
            throw e;
        }
        ctx.status(204);
    }

    /**
     * The media type of the request's body without its parameters, lower-cased; empty when none. Read from the
     * header as sent: the servlet's parsed content type throws on a charset the JVM does not know.
     */
    private static String mediaType(Context ctx) {
        String header = ctx.header("Content-Type");
        if (header == null) {
            return "";
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private void download(Context ctx, AuthContext auth) throws IOException {
        Image image = visible(auth, ctx.pathParam("id"));
        if (image.sizeBytes() == null || !image.status().equals("active")) {
            ctx.status(204);
            return;
        }
        // the length and MD5 describe the stored bytes, so the body must not be re-encoded on the way out
        ctx.disableCompression();
        ctx.status(200).contentType("application/octet-stream");
        ctx.header("Content-MD5", image.checksum());
        ctx.header("Content-Length", Long.toString(image.sizeBytes()));
        images.readData(image.id(), ctx.outputStream());
    }

    private void addTag(Context ctx, AuthContext auth) {
        Image image = owned(auth, ctx.pathParam("id"), "modify");
        String tag = checkedTag(ctx.pathParam("tag"));
        List<String> tags = new ArrayList<>(image.tags());
        if (!tags.contains(tag)) {
            tags.add(tag);
            if (tags.size() > 128) {
                throw new OpenStackException(ErrorKind.PAYLOAD_TOO_LARGE, "Maximum number of tags exceeded.");
            }
            images.update(withTags(image, tags));
        }
        ctx.status(204);
    }

    private void removeTag(Context ctx, AuthContext auth) {
        Image image = owned(auth, ctx.pathParam("id"), "modify");
        String tag = ctx.pathParam("tag");
        if (!image.tags().contains(tag)) {
            throw OpenStackException.notFound("Tag " + Glance.show(tag) + " not found");
        }
        List<String> tags = new ArrayList<>(image.tags());
        tags.remove(tag);
        images.update(withTags(image, tags));
        ctx.status(204);
    }

    private Image withTags(Image image, List<String> tags) {
        return new Image(image.id(), image.ownerProjectId(), image.name(), image.status(), image.visibility(), image.isProtected(),
                image.diskFormat(), image.containerFormat(), image.minDisk(), image.minRam(), image.sizeBytes(), image.checksum(),
                image.hashAlgo(), image.hashValue(), tags, image.properties(), image.createdAt(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    static String visibility(AuthContext auth, String value, String fallback) {
        String visibility = value == null ? fallback : value;
        if (!VISIBILITIES.contains(visibility)) {
            throw schema("'" + Glance.show(visibility) + "' is not one of ['community', 'public', 'private', 'shared']");
        }
        if (visibility.equals("public") && !auth.isAdmin()) {
            throw Glance.forbidden("You are not authorized to complete publicize_image action.");
        }
        return visibility;
    }

    static String format(JsonNode body, String name, Set<String> allowed) {
        String value = text(body, name, 255);
        if (value != null && !allowed.contains(value)) {
            throw schema("'" + Glance.show(value) + "' is not one of " + new java.util.TreeSet<>(allowed));
        }
        return value;
    }

    static String text(JsonNode body, String name, int max) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.textValue().length() > max) {
            throw schema(Glance.show(value.toString()) + " is not a string of at most " + max + " characters");
        }
        return value.textValue();
    }

    static boolean bool(JsonNode body, String name, boolean fallback) {
        JsonNode value = body.get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw schema(Glance.show(value.toString()) + " is not of type 'boolean'");
        }
        return value.booleanValue();
    }

    static int number(JsonNode body, String name, int fallback) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw schema(Glance.show(value.toString()) + " is not a non-negative integer");
        }
        return value.intValue();
    }

    static List<String> tags(JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw schema(Glance.show(value.toString()) + " is not of type 'array'");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : value) {
            if (!tag.isTextual()) {
                throw schema(Glance.show(tag.toString()) + " is not of type 'string'");
            }
            String checked = checkedTag(tag.textValue());
            if (!tags.contains(checked)) {
                tags.add(checked);
            }
        }
        if (tags.size() > 128) {
            throw new OpenStackException(ErrorKind.PAYLOAD_TOO_LARGE, "Maximum number of tags exceeded.");
        }
        return tags;
    }

    /** The additional properties: every key outside the core schema, with a string value. */
    private static Map<String, String> properties(JsonNode body) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            if (CORE.contains(entry.getKey())) {
                continue;
            }
            properties.put(property(entry.getKey()), propertyValue(entry.getValue()));
        }
        return properties;
    }

    static String property(String key) {
        if (key.isEmpty() || key.length() > 255 || READ_ONLY.contains(key)) {
            throw READ_ONLY.contains(key) ? Glance.forbidden("Attribute '" + key + "' is read-only.")
                    : schema("'" + Glance.show(key) + "' is not a valid property name");
        }
        return key;
    }

    static String propertyValue(JsonNode value) {
        if (!value.isTextual() || value.textValue().length() > 65535) {
            throw schema(Glance.show(value.toString()) + " is not of type 'string'");
        }
        return value.textValue();
    }

    static String checkedTag(String tag) {
        if (tag.isEmpty() || tag.length() > 255) {
            throw schema("'" + Glance.show(tag) + "' is not a valid tag");
        }
        return tag;
    }

    static OpenStackException schema(String reason) {
        return Glance.badRequest("Provided object does not match schema 'image': " + reason);
    }

    private static String validJson(String text) {
        try {
            io.cascadia.core.json.Json.read(text);
            return text;
        } catch (IllegalArgumentException e) {
            throw Glance.badRequest("Malformed JSON in request body.");
        }
    }

    private static String requireProject(AuthContext auth) {
        if (auth.projectId() == null) {
            throw Glance.forbidden("A project-scoped token is required.");
        }
        return auth.projectId();
    }
}

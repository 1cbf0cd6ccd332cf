package io.cascadia.emulator.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.core.json.Json;
import io.cascadia.emulator.runtime.FaultPlan;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** {@code /v2/images}: create, list, show, JSON-patch update, delete, upload and download of data, tags. */
final class ImageHandlers {
    private static final String PATCH_TYPE = "application/openstack-images-v2.1-json-patch";
    private static final Set<String> READ_ONLY = Set.of("status", "checksum", "size", "virtual_size", "created_at",
            "updated_at", "self", "file", "schema", "os_hash_algo", "os_hash_value", "direct_url", "locations");
    private static final Set<String> SORT_KEYS = Set.of("name", "status", "container_format", "disk_format", "size",
            "id", "created_at", "updated_at");
    private static final int DEFAULT_LIMIT = 25;
    private static final int MAX_LIMIT = 1000;

    private final Images images;
    private final FaultPlan faults;

    ImageHandlers(Images images, FaultPlan faults) {
        this.images = images;
        this.faults = faults;
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

    private void list(Context ctx, AuthContext auth) {
        int limit = limit(ctx);
        String marker = ctx.queryParam("marker");
        String sortKey = ctx.queryParamAsClass("sort_key", String.class).getOrDefault("created_at");
        String sortDir = ctx.queryParamAsClass("sort_dir", String.class).getOrDefault("desc");
        if (!SORT_KEYS.contains(sortKey)) {
            throw ImageFields.badRequest("Unsupported sort_key. Acceptable values: " + String.join(", ", new TreeSet<>(SORT_KEYS)));
        }
        if (!sortDir.equals("asc") && !sortDir.equals("desc")) {
            throw ImageFields.badRequest("Unsupported sort_dir. Acceptable values: asc, desc");
        }
        if (marker != null && images.table.find(marker).filter(image -> Images.canSee(auth, image)).isEmpty()) {
            throw ImageFields.badRequest("Invalid marker. Image " + marker + " could not be found.");
        }
        String visibility = ctx.queryParam("visibility");
        if (visibility != null && !ImageFields.VISIBILITIES.contains(visibility) && !visibility.equals("all")) {
            throw ImageFields.badRequest("Invalid visibility value: " + ImageFields.shorten(visibility));
        }
        List<Image> matching = new ArrayList<>();
        for (Image image : images.table.ordered(null).descendingMap().values()) {
            if (matches(ctx, auth, image, visibility)) {
                matching.add(image);
            }
        }
        Comparator<Image> order = sortOrder(sortKey).thenComparing(Image::createdAt).thenComparing(Image::id);
        matching.sort(sortDir.equals("asc") ? order : order.reversed());
        int start = 0;
        if (marker != null) {
            for (int i = 0; i < matching.size(); i++) {
                if (matching.get(i).id().equals(marker)) {
                    start = i + 1;
                    break;
                }
            }
        }
        List<Image> page = matching.subList(start, Math.min(matching.size(), start + limit));
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("images");
        page.forEach(image -> array.add(ImageViews.view(image)));
        Map<String, List<String>> params = new LinkedHashMap<>(ctx.queryParamMap());
        params.remove("marker");
        String query = encode(params);
        body.put("first", "/v2/images" + (query.isEmpty() ? "" : "?" + query));
        body.put("schema", "/v2/schemas/images");
        if (page.size() == limit && !page.isEmpty()) {
            params.put("marker", List.of(page.getLast().id()));
            body.put("next", "/v2/images?" + encode(params));
        }
        Responses.json(ctx, 200, body);
    }

    private static boolean matches(Context ctx, AuthContext auth, Image image, String visibility) {
        if (!Images.canSee(auth, image)) {
            return false;
        }
        if (visibility == null) {
            if (image.visibility().equals("community") && !auth.isAdmin()) {
                return false;
            }
        } else if (!visibility.equals("all") && !image.visibility().equals(visibility)) {
            return false;
        }
        String hidden = ctx.queryParam("os_hidden");
        if (image.hidden() != (hidden != null && hidden.equalsIgnoreCase("true"))) {
            return false;
        }
        for (String key : List.of("name", "status", "owner", "container_format", "disk_format")) {
            String wanted = ctx.queryParam(key);
            if (wanted != null && !wanted.equals(String.valueOf(attribute(image, key)))) {
                return false;
            }
        }
        return image.tags().containsAll(ctx.queryParams("tag"));
    }

    private static Object attribute(Image image, String key) {
        return switch (key) {
            case "name" -> image.name();
            case "status" -> image.status();
            case "owner" -> image.owner();
            case "container_format" -> image.containerFormat();
            case "disk_format" -> image.diskFormat();
            default -> throw new IllegalArgumentException("not a filter: " + key);
        };
    }

    private static Comparator<Image> sortOrder(String key) {
        Comparator<String> text = Comparator.nullsFirst(Comparator.naturalOrder());
        return switch (key) {
            case "name" -> Comparator.comparing(Image::name, text);
            case "status" -> Comparator.comparing(Image::status, text);
            case "container_format" -> Comparator.comparing(Image::containerFormat, text);
            case "disk_format" -> Comparator.comparing(Image::diskFormat, text);
            case "size" -> Comparator.comparingLong(image -> image.data() == null ? -1L : image.data().length);
            case "id" -> Comparator.comparing(Image::id);
            case "updated_at" -> Comparator.comparing(Image::updatedAt);
            default -> Comparator.comparing(Image::createdAt);
        };
    }

    private void create(Context ctx, AuthContext auth) {
        ObjectNode body = Json.parseObject(ctx.body());
        String id = ImageFields.string(body, "id").orElse(Ids.uuid());
        if (!Ids.isUuid(id)) {
            throw ImageFields.badRequest("Provided object does not match schema 'image': '" + ImageFields.shorten(id) + "' is not a 'uuid'");
        }
        for (String key : READ_ONLY) {
            if (body.has(key)) {
                throw new OpenStackException(ErrorKind.FORBIDDEN, "Attribute '" + key + "' is read-only.");
            }
        }
        String visibility = ImageFields.string(body, "visibility").orElse("shared");
        ImageFields.checkVisibility(auth, visibility);
        String owner = ImageFields.string(body, "owner").orElse(auth.projectId());
        if (owner != null && !owner.equals(auth.projectId()) && !auth.isAdmin()) {
            throw new OpenStackException(ErrorKind.FORBIDDEN, "You are not permitted to create images owned by '" + ImageFields.shorten(owner) + "'.");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        body.properties().forEach(entry -> {
            if (!ImageFields.isCoreAttribute(entry.getKey())) {
                properties.put(entry.getKey(), ImageFields.propertyValue(entry.getKey(), entry.getValue()));
            }
        });
        if (faults.nextCreateFails()) {
            throw new OpenStackException(ErrorKind.INTERNAL, "The server has either erred or is incapable of performing the requested operation.");
        }
        var now = images.now();
        Image image = new Image(id, ImageFields.string(body, "name").orElse(null), Image.QUEUED, visibility,
                ImageFields.bool(body, "protected"), ImageFields.bool(body, "os_hidden"), owner,
                ImageFields.format(body, "container_format", ImageFields.CONTAINER_FORMATS), ImageFields.format(body, "disk_format", ImageFields.DISK_FORMATS),
                ImageFields.integer(body, "min_disk"), ImageFields.integer(body, "min_ram"), ImageFields.tags(body.get("tags")), properties, null, null, null,
                now, now);
        synchronized (images) {
            if (images.table.find(id).isPresent()) {
                throw new OpenStackException(ErrorKind.CONFLICT, "Image with identifier " + id + " already exists!");
            }
            images.put(image);
        }
        ctx.header("Location", "/v2/images/" + id);
        Responses.json(ctx, 201, ImageViews.view(image));
    }

    private void show(Context ctx, AuthContext auth) {
        Responses.json(ctx, 200, ImageViews.view(images.visible(auth, ctx.pathParam("id"))));
    }

    private void update(Context ctx, AuthContext auth) {
        // the header as sent: the servlet's parsed content type throws on a charset the JVM does not know
        String header = ctx.header("Content-Type") == null ? "" : ctx.header("Content-Type");
        String type = (header.contains(";") ? header.substring(0, header.indexOf(';')) : header).trim().toLowerCase(Locale.ROOT);
        if (!type.equals(PATCH_TYPE) && !type.equals("application/openstack-images-v2.0-json-patch")) {
            throw new OpenStackException(ErrorKind.UNSUPPORTED_MEDIA_TYPE, "Unsupported Content-Type");
        }
        JsonNode patch;
        try {
            patch = Json.mapper().readTree(ctx.body());
        } catch (IOException e) {
            throw ImageFields.badRequest("Malformed JSON in request body.");
        }
        if (patch == null || !patch.isArray()) {
            throw ImageFields.badRequest("Request body must be a JSON array of operation objects.");
        }
        synchronized (images) {
            Image image = owned(auth, ctx.pathParam("id"));
            for (JsonNode operation : patch) {
                image = apply(auth, image, operation);
            }
            images.put(image);
            Responses.json(ctx, 200, ImageViews.view(image));
        }
    }

    private Image apply(AuthContext auth, Image image, JsonNode operation) {
        String op = operation.path("op").asText("");
        String path = operation.path("path").asText("");
        if (!path.startsWith("/") || path.length() < 2) {
            throw ImageFields.badRequest("Invalid JSON pointer for this resource: '" + ImageFields.shorten(path) + "'");
        }
        String key = path.substring(1);
        if (READ_ONLY.contains(key) || key.equals("id")) {
            throw new OpenStackException(ErrorKind.FORBIDDEN, "Attribute '" + key + "' is read-only.");
        }
        boolean remove = op.equals("remove");
        if (!remove && !op.equals("add") && !op.equals("replace")) {
            throw ImageFields.badRequest("Operation objects must contain exactly one member named \"add\", \"remove\", or \"replace\".");
        }
        JsonNode value = operation.get("value");
        if (!remove && value == null) {
            throw ImageFields.badRequest("Operation \"" + op + "\" requires a member named \"value\".");
        }
        ObjectNode single = Json.object();
        if (!remove) {
            single.set(key, value);
        }
        Map<String, String> properties = new LinkedHashMap<>(image.properties());
        String visibility = image.visibility();
        if (key.equals("visibility") && !remove) {
            visibility = ImageFields.string(single, "visibility").orElseThrow();
            ImageFields.checkVisibility(auth, visibility);
        }
        if (!ImageFields.isCoreAttribute(key)) {
            if (remove) {
                if (properties.remove(key) == null) {
                    throw new OpenStackException(ErrorKind.CONFLICT, "Property " + key + " does not exist.");
                }
            } else {
                properties.put(key, ImageFields.propertyValue(key, value));
            }
        } else if (remove) {
            throw new OpenStackException(ErrorKind.FORBIDDEN, "Attribute '" + key + "' is required and cannot be removed.");
        }
        return image.with(
                key.equals("name") ? ImageFields.string(single, "name").orElse(null) : image.name(),
                visibility,
                key.equals("protected") ? ImageFields.bool(single, "protected") : image.protectedImage(),
                key.equals("os_hidden") ? ImageFields.bool(single, "os_hidden") : image.hidden(),
                key.equals("container_format") ? ImageFields.format(single, "container_format", ImageFields.CONTAINER_FORMATS) : image.containerFormat(),
                key.equals("disk_format") ? ImageFields.format(single, "disk_format", ImageFields.DISK_FORMATS) : image.diskFormat(),
                key.equals("min_disk") ? ImageFields.integer(single, "min_disk") : image.minDisk(),
                key.equals("min_ram") ? ImageFields.integer(single, "min_ram") : image.minRam(),
                key.equals("tags") ? ImageFields.tags(value) : image.tags(),
                properties, images.now());
    }

    private void delete(Context ctx, AuthContext auth) {
        synchronized (images) {
            Image image = owned(auth, ctx.pathParam("id"));
            if (image.protectedImage()) {
                throw new OpenStackException(ErrorKind.FORBIDDEN, "Image " + image.id() + " is protected and cannot be deleted.");
            }
            images.remove(image.id());
        }
        Responses.noContent(ctx);
    }

    /** Reads the body from its stream, so images past the HTTP server's request size limit upload as in Glance. */
    private void upload(Context ctx, AuthContext auth) throws IOException {
        byte[] data;
        try (InputStream body = ctx.bodyInputStream()) {
            data = body.readAllBytes();
        }
        synchronized (images) {
            Image image = owned(auth, ctx.pathParam("id"));
            if (!image.status().equals(Image.QUEUED)) {
                throw new OpenStackException(ErrorKind.CONFLICT, "Image status transition from " + image.status()
                        + " to saving is not allowed");
            }
            images.put(image.withData(data, Images.md5(data), Images.sha512(data), images.now()));
        }
        Responses.noContent(ctx);
    }

    private void download(Context ctx, AuthContext auth) {
        Image image = images.visible(auth, ctx.pathParam("id"));
        if (image.data() == null) {
            Responses.noContent(ctx);
            return;
        }
        ctx.header("Content-MD5", image.checksum());
        ctx.status(200).contentType("application/octet-stream").result(image.data());
    }

    private void addTag(Context ctx, AuthContext auth) {
        changeTag(ctx, auth, true);
    }

    private void removeTag(Context ctx, AuthContext auth) {
        changeTag(ctx, auth, false);
    }

    private void changeTag(Context ctx, AuthContext auth, boolean add) {
        String tag = ctx.pathParam("tag");
        if (tag.isEmpty() || tag.length() > 255) {
            throw ImageFields.badRequest("Invalid tag: " + ImageFields.shorten(tag));
        }
        synchronized (images) {
            Image image = owned(auth, ctx.pathParam("id"));
            LinkedHashSet<String> tags = new LinkedHashSet<>(image.tags());
            if (add) {
                tags.add(tag);
            } else if (!tags.remove(tag)) {
                throw new OpenStackException(ErrorKind.NOT_FOUND, "Tag " + tag + " not found");
            }
            images.put(image.with(image.name(), image.visibility(), image.protectedImage(), image.hidden(),
                    image.containerFormat(), image.diskFormat(), image.minDisk(), image.minRam(), List.copyOf(tags),
                    image.properties(), images.now()));
        }
        Responses.noContent(ctx);
    }

    /** The image, if the caller may change it: 404 when it is not visible, 403 when it is but not theirs. */
    private Image owned(AuthContext auth, String id) {
        Image image = images.visible(auth, id);
        if (!auth.isAdmin() && (image.owner() == null || !image.owner().equals(auth.projectId()))) {
            throw new OpenStackException(ErrorKind.FORBIDDEN, "You are not permitted to modify image " + id + ".");
        }
        return image;
    }

    private static int limit(Context ctx) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit < 0) {
                throw ImageFields.badRequest("limit param must be positive");
            }
            return Math.min(limit, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw ImageFields.badRequest("limit param must be an integer");
        }
    }

    private static String encode(Map<String, List<String>> params) {
        return params.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
    }
}

package io.cascadia.emulator.image;

import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.emulator.runtime.CreationOrder;
import io.cascadia.emulator.runtime.ResourceTable;
import io.cascadia.web.AuthContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The site's images and who may see them: public and community images are everyone's, private and shared ones
 * their owner's (and an administrator's). The site starts with one public image of a few kilobytes, so servers can
 * boot without an upload.
 */
public final class Images {
    /** The name of the image every site starts with. */
    public static final String DEFAULT_IMAGE_NAME = "cirros-0.6.2-x86_64-disk";

    final ResourceTable<CreationOrder, Image> table = new ResourceTable<>(CreationOrder::of);
    private final Clock clock;
    private final Image defaultImage;

    public Images(Clock clock, String region) {
        this.clock = clock;
        byte[] data = defaultImageData(region);
        var now = clock.instant();
        this.defaultImage = new Image(UUID.nameUUIDFromBytes(("image:" + region).getBytes(StandardCharsets.UTF_8)).toString(),
                DEFAULT_IMAGE_NAME, Image.ACTIVE, "public", false, false, null, "bare", "qcow2", 0, 0, List.of(),
                Map.of(), data, md5(data), sha512(data), now, now);
        table.put(defaultImage);
    }

    public Image defaultImage() {
        return defaultImage;
    }

    /** The image if the caller may see it; 404 otherwise. */
    Image visible(AuthContext auth, String id) {
        return table.find(id)
                .filter(image -> canSee(auth, image))
                .orElseThrow(() -> notFound(id));
    }

    /** What Nova and Cinder use: an active image a project may boot from, or empty. */
    public Optional<Image> bootable(String projectId, boolean admin, String id) {
        return table.find(id)
                .filter(image -> admin || isPublic(image) || projectId.equals(image.owner()))
                .filter(image -> image.status().equals(Image.ACTIVE));
    }

    static boolean canSee(AuthContext auth, Image image) {
        return auth.isAdmin() || isPublic(image) || (image.owner() != null && image.owner().equals(auth.projectId()));
    }

    private static boolean isPublic(Image image) {
        return image.visibility().equals("public") || image.visibility().equals("community");
    }

    void put(Image image) {
        table.put(image);
    }

    void remove(String id) {
        table.remove(id);
    }

    Instant now() {
        return clock.instant();
    }

    static OpenStackException notFound(String id) {
        return new OpenStackException(ErrorKind.NOT_FOUND, "No image found with ID " + id);
    }

    static String md5(byte[] data) {
        return digest("MD5", data);
    }

    static String sha512(byte[] data) {
        return digest("SHA-512", data);
    }

    private static String digest(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    /** A few kilobytes that stand in for a disk image, the same for the same region. */
    private static byte[] defaultImageData(String region) {
        byte[] data = new byte[4096];
        SplittableRandom random = new SplittableRandom(region.hashCode());
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        return data;
    }
}

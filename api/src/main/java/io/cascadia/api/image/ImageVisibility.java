package io.cascadia.api.image;

import io.cascadia.core.image.Image;
import io.cascadia.store.image.Images;

/** Glance's visibility rule, shared with Nova's image checks: who may see an image. */
public final class ImageVisibility {
    private ImageVisibility() {
    }

    /** Own, public and community images, and shared ones the project is a member of (not rejected). */
    public static boolean visible(Image image, String projectId, Images images) {
        if (image.ownerProjectId().equals(projectId)) {
            return true;
        }
        return switch (image.visibility()) {
            case "public", "community" -> true;
            case "shared" -> images.member(image.id(), projectId).map(m -> !m.status().equals("rejected")).orElse(false);
            default -> false;
        };
    }
}

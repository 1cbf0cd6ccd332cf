package io.cascadia.core.identity;

/** A catalog region. Region {@code Cascading} holds Cascadia's own endpoints; every site is a region. */
public record Region(String id, String description, String parentRegionId) {
    public static final String CASCADING = "Cascading";
}

package io.cascadia.core.identity;

/** A service in the catalog (for example type {@code compute}, name {@code nova}). */
public record CatalogService(String id, String type, String name, String description, boolean enabled) {
}

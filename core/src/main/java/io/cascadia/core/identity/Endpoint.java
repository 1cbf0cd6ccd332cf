package io.cascadia.core.identity;

/** Where a service answers in one region, for one interface ({@code public}, {@code internal}, {@code admin}). */
public record Endpoint(String id, String serviceId, String regionId, String iface, String url, boolean enabled) {
}

package io.cascadia.core.identity;

/** A Keystone project (tenant): the owner of every resource and the unit of isolation. */
public record Project(String id, String domainId, String name, String description, boolean enabled, String parentId) {
}

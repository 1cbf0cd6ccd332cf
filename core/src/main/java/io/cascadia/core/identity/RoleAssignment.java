package io.cascadia.core.identity;

/**
 * A role given to a user on a project or a domain. An {@code inherited} assignment on a domain applies to every
 * project of that domain (Keystone's OS-INHERIT) and not to the domain itself.
 */
public record RoleAssignment(String userId, TargetType targetType, String targetId, String roleId, boolean inherited) {
    public enum TargetType {
        PROJECT, DOMAIN
    }
}

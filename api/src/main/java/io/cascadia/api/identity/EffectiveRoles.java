package io.cascadia.api.identity;

import io.cascadia.core.identity.Project;
import io.cascadia.core.identity.Role;
import io.cascadia.store.identity.IdentityRepositories;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The roles a user holds on a scope: direct and inherited assignments, closed over role implications. */
final class EffectiveRoles {
    private final IdentityRepositories repositories;

    EffectiveRoles(IdentityRepositories repositories) {
        this.repositories = repositories;
    }

    List<Role> onProject(String userId, Project project) {
        return expand(repositories.assignments().roleIdsOnProject(userId, project.id(), project.domainId()));
    }

    List<Role> onDomain(String userId, String domainId) {
        return expand(repositories.assignments().roleIdsOnDomain(userId, domainId));
    }

    /** Adds every role implied by the given ones, transitively (admin implies member implies reader). */
    List<Role> expand(Collection<String> roleIds) {
        List<String[]> implications = repositories.roles().implications();
        Set<String> result = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(roleIds);
        while (!pending.isEmpty()) {
            String roleId = pending.pop();
            if (result.add(roleId)) {
                for (String[] implication : implications) {
                    if (implication[0].equals(roleId)) {
                        pending.push(implication[1]);
                    }
                }
            }
        }
        return result.stream()
                .flatMap(id -> repositories.roles().find(id).stream())
                .sorted(Comparator.comparing(Role::name))
                .toList();
    }
}

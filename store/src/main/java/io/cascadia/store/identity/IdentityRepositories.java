package io.cascadia.store.identity;

import org.jdbi.v3.core.Jdbi;

/** The identity repositories over one database, for services that use several of them. */
public record IdentityRepositories(
        Jdbi jdbi,
        Domains domains,
        Projects projects,
        Users users,
        Roles roles,
        RoleAssignments assignments,
        Catalog catalog,
        Tokens tokens) {

    public static IdentityRepositories of(Jdbi jdbi) {
        return new IdentityRepositories(jdbi, new Domains(jdbi), new Projects(jdbi), new Users(jdbi), new Roles(jdbi),
                new RoleAssignments(jdbi), new Catalog(jdbi), new Tokens(jdbi));
    }
}

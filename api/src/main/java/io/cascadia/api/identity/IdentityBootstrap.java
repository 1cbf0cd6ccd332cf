package io.cascadia.api.identity;

import static java.util.Objects.requireNonNull;

import io.cascadia.core.id.Ids;
import io.cascadia.core.identity.CatalogService;
import io.cascadia.core.identity.Domain;
import io.cascadia.core.identity.Endpoint;
import io.cascadia.core.identity.Project;
import io.cascadia.core.identity.Region;
import io.cascadia.core.identity.Role;
import io.cascadia.core.identity.RoleAssignment;
import io.cascadia.core.identity.RoleAssignment.TargetType;
import io.cascadia.core.identity.User;
import io.cascadia.store.identity.IdentityRepositories;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings identity to a known state, idempotently, as {@code keystone-manage bootstrap} does: the default domain,
 * the standard roles and their implications, and then whatever projects, users, grants, regions and endpoints the
 * caller asks for. Every method may be called again on every start.
 */
public final class IdentityBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);

    private final IdentityRepositories repositories;
    private final PasswordHasher hasher;

    public IdentityBootstrap(IdentityRepositories repositories, PasswordHasher hasher) {
        this.repositories = requireNonNull(repositories, "repositories is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
    }

    /** The default domain, the roles admin ⊃ member ⊃ reader and service. */
    public void ensureBase() {
        if (repositories.domains().find(Domain.DEFAULT_ID).isEmpty()) {
            repositories.domains().insert(new Domain(Domain.DEFAULT_ID, "Default", "The default domain", true));
        }
        Role admin = ensureRole(Role.ADMIN);
        Role member = ensureRole(Role.MEMBER);
        Role reader = ensureRole(Role.READER);
        ensureRole(Role.SERVICE);
        repositories.roles().addImplied(admin.id(), member.id());
        repositories.roles().addImplied(member.id(), reader.id());
    }

    public Role ensureRole(String name) {
        return repositories.roles().findByName(name).orElseGet(() -> {
            Role role = new Role(Ids.hex(), name, null);
            repositories.roles().insert(role);
            return role;
        });
    }

    public Project ensureProject(String name, String description) {
        return repositories.projects().findByName(Domain.DEFAULT_ID, name).orElseGet(() -> {
            Project project = new Project(Ids.hex(), Domain.DEFAULT_ID, name, description, true, null);
            repositories.projects().insert(project);
            LOG.info("created project {} ({})", name, project.id());
            return project;
        });
    }

    /** Creates the user, or sets its password when it no longer matches, so a configured password always works. */
    public User ensureUser(String name, String password, Project defaultProject) {
        Optional<User> existing = repositories.users().findByName(Domain.DEFAULT_ID, name);
        if (existing.isPresent()) {
            User user = existing.get();
            if (!hasher.matches(password, user.passwordHash())) {
                user = new User(user.id(), user.domainId(), user.name(), hasher.hash(password), user.enabled(),
                        user.defaultProjectId(), user.email(), user.description());
                repositories.users().update(user);
                LOG.info("reset the password of user {}", name);
            }
            return user;
        }
        User user = new User(Ids.hex(), Domain.DEFAULT_ID, name, hasher.hash(password), true,
                defaultProject == null ? null : defaultProject.id(), null, null);
        repositories.users().insert(user);
        LOG.info("created user {} ({})", name, user.id());
        return user;
    }

    public void grantOnProject(User user, Project project, String roleName) {
        repositories.assignments().grant(new RoleAssignment(user.id(), TargetType.PROJECT, project.id(),
                ensureRole(roleName).id(), false));
    }

    /** A role on every project of the default domain, present and future (OS-INHERIT). */
    public void grantOnAllProjects(User user, String roleName) {
        repositories.assignments().grant(new RoleAssignment(user.id(), TargetType.DOMAIN, Domain.DEFAULT_ID,
                ensureRole(roleName).id(), true));
    }

    public void ensureRegion(String id, String description) {
        if (repositories.catalog().findRegion(id).isEmpty()) {
            repositories.catalog().insertRegion(new Region(id, description, null));
        }
    }

    /** A service of the given type and its public endpoint in the region; the URL is corrected if it changed. */
    public void ensureEndpoint(String regionId, String type, String name, String url) {
        CatalogService service = repositories.catalog().listServices(type, null).stream().findFirst().orElseGet(() -> {
            CatalogService created = new CatalogService(Ids.hex(), type, name, "", true);
            repositories.catalog().insertService(created);
            return created;
        });
        List<Endpoint> endpoints = repositories.catalog().listEndpoints(service.id(), regionId, "public");
        if (endpoints.isEmpty()) {
            repositories.catalog().insertEndpoint(new Endpoint(Ids.hex(), service.id(), regionId, "public", url, true));
        } else if (!endpoints.getFirst().url().equals(url)) {
            Endpoint current = endpoints.getFirst();
            repositories.catalog().updateEndpoint(new Endpoint(current.id(), current.serviceId(), regionId, "public", url, true));
        }
    }

    /** Removes every endpoint of a region and the region itself, when a site goes away. */
    public void removeRegion(String regionId) {
        repositories.catalog().listEndpoints(null, regionId, null)
                .forEach(endpoint -> repositories.catalog().deleteEndpoint(endpoint.id()));
        repositories.catalog().deleteRegion(regionId);
    }
}

package io.cascadia.api.identity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.identity.CatalogService;
import io.cascadia.core.identity.Domain;
import io.cascadia.core.identity.Endpoint;
import io.cascadia.core.identity.Project;
import io.cascadia.core.identity.Region;
import io.cascadia.core.identity.Role;
import io.cascadia.core.identity.RoleAssignment;
import io.cascadia.core.identity.User;
import io.cascadia.core.json.Json;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Function;

/** Keystone v3 JSON for each identity resource, with the fields and links Keystone writes. */
final class IdentityViews {
    private final String base;

    private IdentityViews(String base) {
        this.base = base;
    }

    /** Views whose links point at the host the caller used, as Keystone's do. */
    static IdentityViews of(Context ctx) {
        return new IdentityViews(ctx.scheme() + "://" + ctx.host() + "/v3");
    }

    String base() {
        return base;
    }

    ObjectNode domain(Domain domain) {
        ObjectNode node = Json.object()
                .put("id", domain.id())
                .put("name", domain.name())
                .put("description", domain.description())
                .put("enabled", domain.enabled());
        node.putArray("tags");
        node.putObject("options");
        links(node, "/domains/" + domain.id());
        return node;
    }

    ObjectNode project(Project project) {
        ObjectNode node = Json.object()
                .put("id", project.id())
                .put("name", project.name())
                .put("domain_id", project.domainId())
                .put("description", project.description())
                .put("enabled", project.enabled())
                .put("parent_id", project.parentId() != null ? project.parentId() : project.domainId())
                .put("is_domain", false);
        node.putArray("tags");
        node.putObject("options");
        links(node, "/projects/" + project.id());
        return node;
    }

    ObjectNode user(User user) {
        ObjectNode node = Json.object()
                .put("id", user.id())
                .put("name", user.name())
                .put("domain_id", user.domainId())
                .put("enabled", user.enabled())
                .putNull("password_expires_at");
        if (user.defaultProjectId() != null) {
            node.put("default_project_id", user.defaultProjectId());
        }
        if (user.email() != null) {
            node.put("email", user.email());
        }
        if (user.description() != null) {
            node.put("description", user.description());
        }
        node.putObject("options");
        links(node, "/users/" + user.id());
        return node;
    }

    ObjectNode role(Role role) {
        ObjectNode node = Json.object()
                .put("id", role.id())
                .put("name", role.name())
                .putNull("domain_id")
                .put("description", role.description());
        node.putObject("options");
        links(node, "/roles/" + role.id());
        return node;
    }

    ObjectNode region(Region region) {
        ObjectNode node = Json.object()
                .put("id", region.id())
                .put("description", region.description())
                .put("parent_region_id", region.parentRegionId());
        links(node, "/regions/" + region.id());
        return node;
    }

    ObjectNode service(CatalogService service) {
        ObjectNode node = Json.object()
                .put("id", service.id())
                .put("type", service.type())
                .put("name", service.name())
                .put("description", service.description())
                .put("enabled", service.enabled());
        links(node, "/services/" + service.id());
        return node;
    }

    ObjectNode endpoint(Endpoint endpoint) {
        ObjectNode node = Json.object()
                .put("id", endpoint.id())
                .put("interface", endpoint.iface())
                .put("region", endpoint.regionId())
                .put("region_id", endpoint.regionId())
                .put("service_id", endpoint.serviceId())
                .put("url", endpoint.url())
                .put("enabled", endpoint.enabled());
        links(node, "/endpoints/" + endpoint.id());
        return node;
    }

    /** Looks up the names {@code include_names} asks for; each returns {name, domain id, domain name}. */
    interface Names {
        String role(String roleId);

        String[] user(String userId);

        String[] project(String projectId);

        String domain(String domainId);
    }

    ObjectNode assignment(RoleAssignment assignment, Names names) {
        ObjectNode node = Json.object();
        ObjectNode role = node.putObject("role").put("id", assignment.roleId());
        ObjectNode user = node.putObject("user").put("id", assignment.userId());
        ObjectNode scope = node.putObject("scope");
        boolean onProject = assignment.targetType() == RoleAssignment.TargetType.PROJECT;
        ObjectNode target = scope.putObject(onProject ? "project" : "domain").put("id", assignment.targetId());
        if (assignment.inherited()) {
            scope.put("OS-INHERIT:inherited_to", "projects");
        }
        if (names != null) {
            role.put("name", names.role(assignment.roleId()));
            String[] userNames = names.user(assignment.userId());
            user.put("name", userNames[0]);
            user.putObject("domain").put("id", userNames[1]).put("name", userNames[2]);
            if (onProject) {
                String[] projectNames = names.project(assignment.targetId());
                target.put("name", projectNames[0]);
                target.putObject("domain").put("id", projectNames[1]).put("name", projectNames[2]);
            } else {
                target.put("name", names.domain(assignment.targetId()));
            }
        }
        String path = (assignment.inherited() ? "/OS-INHERIT" : "") + (onProject ? "/projects/" : "/domains/")
                + assignment.targetId() + "/users/" + assignment.userId() + "/roles/" + assignment.roleId()
                + (assignment.inherited() ? "/inherited_to_projects" : "");
        node.putObject("links").put("assignment", base + path);
        return node;
    }

    /** A collection answer: {@code {"<key>": [...], "links": {"self", "previous", "next"}}}. */
    <T> ObjectNode list(String key, List<T> items, Function<T, ObjectNode> view, Context ctx) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray(key);
        items.forEach(item -> array.add(view.apply(item)));
        String query = ctx.queryString();
        body.putObject("links")
                .put("self", ctx.scheme() + "://" + ctx.host() + ctx.path() + (query == null ? "" : "?" + query))
                .putNull("previous")
                .putNull("next");
        return body;
    }

    private void links(ObjectNode node, String path) {
        node.putObject("links").put("self", base + path);
    }
}

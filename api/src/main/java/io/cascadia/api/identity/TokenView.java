package io.cascadia.api.identity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.identity.CatalogService;
import io.cascadia.core.identity.Domain;
import io.cascadia.core.identity.Endpoint;
import io.cascadia.core.identity.Role;
import io.cascadia.core.json.Json;
import io.cascadia.core.time.Timestamps;
import io.cascadia.store.identity.Catalog;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The Keystone v3 token body and the service catalog inside it. */
final class TokenView {
    private final Catalog catalog;

    TokenView(Catalog catalog) {
        this.catalog = catalog;
    }

    ObjectNode token(TokenService.Session session, boolean withCatalog) {
        ObjectNode body = Json.object();
        ObjectNode token = body.putObject("token");
        ArrayNode methods = token.putArray("methods");
        session.token().methods().forEach(methods::add);
        ObjectNode user = token.putObject("user");
        user.set("domain", domainRef(session.userDomain()));
        user.put("id", session.user().id())
                .put("name", session.user().name())
                .putNull("password_expires_at");
        ArrayNode auditIds = token.putArray("audit_ids");
        session.token().auditIds().forEach(auditIds::add);
        token.put("expires_at", Timestamps.micros(session.token().expiresAt()))
                .put("issued_at", Timestamps.micros(session.token().issuedAt()));
        if (session.project() != null) {
            ObjectNode project = token.putObject("project");
            project.set("domain", domainRef(session.projectDomain()));
            project.put("id", session.project().id()).put("name", session.project().name());
            token.put("is_domain", false);
        } else if (session.domain() != null) {
            token.set("domain", domainRef(session.domain()));
        }
        if (session.project() != null || session.domain() != null) {
            ArrayNode roles = token.putArray("roles");
            for (Role role : session.roles()) {
                roles.addObject().put("id", role.id()).put("name", role.name());
            }
            if (withCatalog) {
                token.set("catalog", catalog(session.project() == null ? null : session.project().id()));
            }
        }
        return body;
    }

    /**
     * The catalog for a token: every enabled service with its enabled endpoints. {@code $(project_id)s} in an URL
     * becomes the token's project; such endpoints are left out of tokens without a project, as Keystone does.
     */
    ArrayNode catalog(String projectId) {
        Map<String, List<Endpoint>> endpointsByService = catalog.listEndpoints(null, null, null).stream()
                .filter(Endpoint::enabled)
                .collect(Collectors.groupingBy(Endpoint::serviceId));
        ArrayNode services = Json.mapper().createArrayNode();
        for (CatalogService service : catalog.listServices(null, null)) {
            if (!service.enabled()) {
                continue;
            }
            ObjectNode entry = services.addObject();
            ArrayNode endpoints = entry.putArray("endpoints");
            for (Endpoint endpoint : endpointsByService.getOrDefault(service.id(), List.of())) {
                String url = substitute(endpoint.url(), projectId);
                if (url != null) {
                    endpoints.addObject()
                            .put("id", endpoint.id())
                            .put("interface", endpoint.iface())
                            .put("region", endpoint.regionId())
                            .put("region_id", endpoint.regionId())
                            .put("url", url);
                }
            }
            entry.put("id", service.id()).put("type", service.type()).put("name", service.name());
        }
        return services;
    }

    private static String substitute(String url, String projectId) {
        boolean templated = url.contains("$(project_id)s") || url.contains("%(project_id)s");
        if (!templated) {
            return url;
        }
        if (projectId == null) {
            return null;
        }
        return url.replace("$(project_id)s", projectId).replace("%(project_id)s", projectId);
    }

    private static ObjectNode domainRef(Domain domain) {
        return Json.object().put("id", domain.id()).put("name", domain.name());
    }
}

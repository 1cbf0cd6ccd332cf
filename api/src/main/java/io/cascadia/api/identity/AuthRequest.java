package io.cascadia.api.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Fields;
import java.util.List;
import java.util.Optional;

/**
 * A parsed {@code POST /v3/auth/tokens} body: how the caller proves who they are ({@code password} and/or
 * {@code token}) and the scope they ask for.
 */
record AuthRequest(List<String> methods, PasswordIdentity password, String token, Scope scope) {

    /** A name, or an id, of something that may need its domain to be found by name. */
    record Reference(String id, String name, Reference domain) {
        static Reference parse(JsonNode node, String field) {
            Optional<String> id = Fields.optionalString(node, "id");
            Optional<String> name = Fields.optionalString(node, "name");
            if (id.isEmpty() && name.isEmpty()) {
                throw OpenStackException.badRequest(
                        "Invalid input for field '%s': either 'id' or 'name' is required".formatted(field));
            }
            Reference domain = Fields.optionalObject(node, "domain")
                    .map(d -> parse(d, field + ".domain"))
                    .orElse(null);
            return new Reference(id.orElse(null), name.orElse(null), domain);
        }
    }

    record PasswordIdentity(Reference user, String password) {
    }

    sealed interface Scope permits Unscoped, ProjectScope, DomainScope {
    }

    /** No scope; {@code explicit} when the caller sent {@code "scope": "unscoped"}, which skips the default project. */
    record Unscoped(boolean explicit) implements Scope {
    }

    record ProjectScope(Reference project) implements Scope {
    }

    record DomainScope(Reference domain) implements Scope {
    }

    static AuthRequest parse(ObjectNode body) {
        ObjectNode auth = Fields.requiredObject(body, "auth");
        ObjectNode identity = Fields.requiredObject(auth, "identity");
        if (Fields.optionalArray(identity, "methods").isEmpty()) {
            throw Fields.missing("methods");
        }
        List<String> methods = Fields.stringList(identity, "methods");
        if (methods.isEmpty()) {
            throw OpenStackException.badRequest("Invalid input for field 'methods': [] is too short");
        }
        for (String method : methods) {
            if (!method.equals("password") && !method.equals("token")) {
                throw OpenStackException.unauthorized("Attempted to authenticate with an unsupported method.");
            }
        }
        PasswordIdentity password = null;
        if (methods.contains("password")) {
            ObjectNode passwordNode = Fields.requiredObject(identity, "password");
            ObjectNode user = Fields.requiredObject(passwordNode, "user");
            password = new PasswordIdentity(Reference.parse(user, "user"), Fields.requiredString(user, "password"));
        }
        String token = null;
        if (methods.contains("token")) {
            token = Fields.requiredString(Fields.requiredObject(identity, "token"), "id");
        }
        return new AuthRequest(methods, password, token, parseScope(auth));
    }

    private static Scope parseScope(ObjectNode auth) {
        JsonNode scope = auth.get("scope");
        if (scope == null || scope.isNull()) {
            return new Unscoped(false);
        }
        if (scope.isTextual() && scope.textValue().equals("unscoped")) {
            return new Unscoped(true);
        }
        if (!scope.isObject()) {
            throw Fields.wrongType("scope", scope, "object");
        }
        Optional<ObjectNode> project = Fields.optionalObject(scope, "project");
        Optional<ObjectNode> domain = Fields.optionalObject(scope, "domain");
        if (scope.has("system") || scope.has("OS-TRUST:trust")) {
            throw OpenStackException.badRequest("Only project and domain scopes are supported.");
        }
        if (project.isPresent() && domain.isPresent()) {
            throw OpenStackException.badRequest("Specify either a project or a domain scope, not both.");
        }
        if (project.isPresent()) {
            Reference reference = Reference.parse(project.get(), "project");
            if (reference.id() == null && reference.domain() == null) {
                throw OpenStackException.badRequest("Invalid input for field 'project': a project name needs its domain");
            }
            return new ProjectScope(reference);
        }
        if (domain.isPresent()) {
            return new DomainScope(Reference.parse(domain.get(), "domain"));
        }
        return new Unscoped(false);
    }
}

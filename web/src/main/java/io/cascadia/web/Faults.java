package io.cascadia.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.json.Json;

/**
 * The one place where an error becomes a response body, in the form each real service writes:
 * Keystone {@code {"error": {"code", "title", "message"}}}, Nova and Cinder {@code {"itemNotFound": {"code",
 * "message"}}}, Neutron {@code {"NeutronError": {"type", "message", "detail"}}}, Glance a plain-text webob page.
 */
public final class Faults {
    private Faults() {
    }

    /** A body ready to send, with its content type. */
    public record Body(String contentType, String text) {
    }

    public static Body render(Service service, ErrorKind kind, String message, String neutronType) {
        return switch (service) {
            case IDENTITY, ADMIN, PLATFORM -> json(keystone(kind, message));
            case COMPUTE, VOLUME -> json(nova(kind, message));
            case NETWORK -> json(neutron(kind, message, neutronType));
            case IMAGE -> new Body("text/plain; charset=UTF-8",
                    kind.status() + " " + kind.title() + "\n\n" + message + "\n\n   ");
        };
    }

    /** The body keystonemiddleware writes for a missing or bad token, whatever the service behind it. */
    public static Body unauthenticated() {
        return json(keystone(ErrorKind.UNAUTHORIZED, "The request you have made requires authentication."));
    }

    private static ObjectNode keystone(ErrorKind kind, String message) {
        ObjectNode body = Json.object();
        body.putObject("error")
                .put("code", kind.status())
                .put("title", kind.title())
                .put("message", message);
        return body;
    }

    private static ObjectNode nova(ErrorKind kind, String message) {
        ObjectNode body = Json.object();
        body.putObject(novaKey(kind))
                .put("code", kind.status())
                .put("message", message);
        return body;
    }

    /** Nova's fault names by status (nova.api.openstack.wsgi.Fault); statuses it does not name are "computeFault". */
    private static String novaKey(ErrorKind kind) {
        return switch (kind) {
            case BAD_REQUEST -> "badRequest";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "itemNotFound";
            case METHOD_NOT_ALLOWED -> "badMethod";
            case NOT_ACCEPTABLE -> "computeFault";
            case CONFLICT -> "conflictingRequest";
            case PAYLOAD_TOO_LARGE -> "overLimit";
            case UNSUPPORTED_MEDIA_TYPE -> "badMediaType";
            case INTERNAL -> "computeFault";
            case SERVICE_UNAVAILABLE -> "serviceUnavailable";
        };
    }

    private static ObjectNode neutron(ErrorKind kind, String message, String type) {
        ObjectNode body = Json.object();
        body.putObject("NeutronError")
                .put("type", type != null ? type : neutronDefaultType(kind))
                .put("message", message)
                .put("detail", "");
        return body;
    }

    private static String neutronDefaultType(ErrorKind kind) {
        return switch (kind) {
            case BAD_REQUEST -> "HTTPBadRequest";
            case UNAUTHORIZED -> "HTTPUnauthorized";
            case FORBIDDEN -> "HTTPForbidden";
            case NOT_FOUND -> "HTTPNotFound";
            case METHOD_NOT_ALLOWED -> "HTTPMethodNotAllowed";
            case NOT_ACCEPTABLE -> "HTTPNotAcceptable";
            case CONFLICT -> "HTTPConflict";
            case PAYLOAD_TOO_LARGE -> "HTTPRequestEntityTooLarge";
            case UNSUPPORTED_MEDIA_TYPE -> "HTTPUnsupportedMediaType";
            case INTERNAL -> "HTTPInternalServerError";
            case SERVICE_UNAVAILABLE -> "HTTPServiceUnavailable";
        };
    }

    private static Body json(ObjectNode body) {
        return new Body("application/json", Json.write(body));
    }
}

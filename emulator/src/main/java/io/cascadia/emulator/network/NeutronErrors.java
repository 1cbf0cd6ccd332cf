package io.cascadia.emulator.network;

import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;

/** Neutron's faults, with the {@code NeutronError.type} and message text Neutron uses for each. */
final class NeutronErrors {
    private NeutronErrors() {
    }

    static OpenStackException networkNotFound(String id) {
        return new OpenStackException(ErrorKind.NOT_FOUND, "NetworkNotFound", "Network " + id + " could not be found.");
    }

    static OpenStackException subnetNotFound(String id) {
        return new OpenStackException(ErrorKind.NOT_FOUND, "SubnetNotFound", "Subnet " + id + " could not be found.");
    }

    static OpenStackException portNotFound(String id) {
        return new OpenStackException(ErrorKind.NOT_FOUND, "PortNotFound", "Port " + id + " could not be found.");
    }

    static OpenStackException routerNotFound(String id) {
        return new OpenStackException(ErrorKind.NOT_FOUND, "RouterNotFound", "Router " + id + " could not be found");
    }

    static OpenStackException securityGroupNotFound(String id) {
        return new OpenStackException(ErrorKind.NOT_FOUND, "SecurityGroupNotFound", "Security group " + id + " does not exist");
    }

    static OpenStackException ruleNotFound(String id) {
        return new OpenStackException(ErrorKind.NOT_FOUND, "SecurityGroupRuleNotFound",
                "Security group rule " + id + " does not exist");
    }

    static OpenStackException agentNotFound(String id) {
        return new OpenStackException(ErrorKind.NOT_FOUND, "AgentNotFound", "Agent " + id + " could not be found");
    }

    static OpenStackException segmentNotFound(String id) {
        return new OpenStackException(ErrorKind.NOT_FOUND, "SegmentNotFound", "Segment " + id + " could not be found.");
    }

    static OpenStackException tagNotFound(String tag, String id) {
        return new OpenStackException(ErrorKind.NOT_FOUND, "TagNotFound", "Tag " + tag + " could not be found for resource " + id + ".");
    }

    /** A request Neutron's API layer rejects: {@code HTTPBadRequest} with the given text. */
    static OpenStackException badRequest(String message) {
        return new OpenStackException(ErrorKind.BAD_REQUEST, "HTTPBadRequest", message);
    }

    /** {@code InvalidInput}: "Invalid input for operation: ...". */
    static OpenStackException invalidInput(String message) {
        return new OpenStackException(ErrorKind.BAD_REQUEST, "InvalidInput", "Invalid input for operation: " + message + ".");
    }

    /** An attribute that fails validation: "Invalid input for {attribute}. Reason: {reason}.". */
    static OpenStackException invalidAttribute(String attribute, String reason) {
        return new OpenStackException(ErrorKind.BAD_REQUEST, "HTTPBadRequest",
                "Invalid input for " + attribute + ". Reason: " + reason + ".");
    }

    static OpenStackException badRouterRequest(String reason) {
        return new OpenStackException(ErrorKind.BAD_REQUEST, "BadRequest", "Bad router request: " + reason + ".");
    }

    static OpenStackException policy(String rule) {
        return new OpenStackException(ErrorKind.FORBIDDEN, "PolicyNotAuthorized", "rule:" + rule + " is disallowed by policy");
    }

    static OpenStackException notFound(String type, String message) {
        return new OpenStackException(ErrorKind.NOT_FOUND, type, message);
    }

    /** A 400 with a specific Neutron type (the InvalidInput family, such as InvalidRoutes). */
    static OpenStackException invalid(String type, String message) {
        return new OpenStackException(ErrorKind.BAD_REQUEST, type, message);
    }

    static OpenStackException conflict(String type, String message) {
        return new OpenStackException(ErrorKind.CONFLICT, type, message);
    }

    /** What Neutron answers when its plugin fails: the injected failure of a synchronous create. */
    static OpenStackException internal() {
        return new OpenStackException(ErrorKind.INTERNAL, "HTTPInternalServerError",
                "Request Failed: internal server error while processing your request.");
    }
}

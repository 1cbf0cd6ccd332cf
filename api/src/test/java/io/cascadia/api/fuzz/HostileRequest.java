package io.cascadia.api.fuzz;

import java.util.Map;

/** One generated request: who sends it, method, path with query, extra headers and a body (null for none). */
record HostileRequest(boolean asAdmin, String method, String path, Map<String, String> headers, String body) {
    @Override
    public String toString() {
        String shown = body == null ? "null" : body.length() > 300 ? body.substring(0, 300) + "...(" + body.length() + ")" : body;
        String where = path.length() > 300 ? path.substring(0, 300) + "...(" + path.length() + ")" : path;
        return (asAdmin ? "admin " : "member ") + method + " " + where + " " + headers + " " + shown;
    }
}

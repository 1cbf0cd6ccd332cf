package io.cascadia.web;

import io.cascadia.core.json.Json;
import io.javalin.http.Context;

/** Writing JSON answers. */
public final class Responses {
    public static final String JSON = "application/json";

    private Responses() {
    }

    public static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType(JSON).result(Json.writeBytes(body));
    }

    public static void noContent(Context ctx) {
        ctx.status(204);
    }
}

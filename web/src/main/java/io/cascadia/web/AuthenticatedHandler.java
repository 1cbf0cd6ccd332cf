package io.cascadia.web;

import io.javalin.http.Context;

/** A handler that runs only for callers with a valid token. */
@FunctionalInterface
public interface AuthenticatedHandler {
    void handle(Context ctx, AuthContext auth) throws Exception;
}

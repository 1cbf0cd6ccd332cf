package io.cascadia.web;

import static java.util.Objects.requireNonNull;

import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import io.javalin.Javalin;
import org.eclipse.jetty.http.UriCompliance;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.util.JavalinException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * An HTTP server hosting API modules on one port. It gives every response a request id, renders every error in the
 * fault format of the service the path belongs to (never a stack trace), bounds request bodies
 * ({@link RequestBodyLimit}), and records request counts and latency by service, method and status.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final String START_NANOS = HttpServer.class.getName() + ".start";
    private static final long STOP_GRACE_MILLIS = 2_000;

    private final Javalin javalin;
    private final String name;
    private final int boundPort;

    private HttpServer(Javalin javalin, String name) {
        this.javalin = javalin;
        this.name = name;
        this.boundPort = javalin.port();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The port the server was bound to at start; it stays the same across {@link #closeListener()}. */
    public int port() {
        return boundPort;
    }

    /**
     * Closes the listening socket and every open connection, so new connections are refused, until
     * {@link #reopenListener()}. Handlers and their state stay as they are. Closing a closed listener does nothing.
     */
    public synchronized void closeListener() {
        for (ServerConnector connector : connectors()) {
            if (connector.isStarted()) {
                try {
                    connector.stop();
                } catch (Exception e) {
                    throw new IllegalStateException(name + ": cannot close the listener on port " + boundPort, e);
                }
            }
        }
        LOG.info("{} stopped listening on port {}", name, boundPort);
    }

    /**
     * Listens again on the same port after {@link #closeListener()}.
     *
     * @throws IllegalStateException when the port cannot be bound again (another process took it)
     */
    public synchronized void reopenListener() {
        for (ServerConnector connector : connectors()) {
            if (!connector.isStarted()) {
                connector.setPort(boundPort);
                try {
                    connector.start();
                } catch (Exception e) {
                    throw new IllegalStateException(name + ": cannot listen again on port " + boundPort, e);
                }
            }
        }
        LOG.info("{} listening again on port {}", name, boundPort);
    }

    private List<ServerConnector> connectors() {
        List<ServerConnector> connectors = new ArrayList<>();
        for (Connector connector : javalin.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                connectors.add(serverConnector);
            }
        }
        return connectors;
    }

    @Override
    public void close() {
        try {
            javalin.stop();
        } catch (JavalinException e) {
            // Jetty stops everything even when the graceful wait runs out; it only reports that a client kept a
            // connection open past the stop timeout, which is the client's business, not a failure to stop.
            if (!(e.getCause() instanceof TimeoutException)) {
                throw e;
            }
            LOG.warn("{} closed connections still open after the {} ms grace period", name, STOP_GRACE_MILLIS);
        }
        LOG.info("{} stopped", name);
    }

    /** Collects the modules, then binds the port. */
    public static final class Builder {
        private final String name;
        private final List<ApiModule> modules = new ArrayList<>();
        private String host = "127.0.0.1";
        private int port;
        private MeterRegistry meters;
        private TokenValidator validator = token -> {
            throw OpenStackException.unauthorized("The request you have made requires authentication.");
        };
        private final List<Handler> beforeHandlers = new ArrayList<>();
        private RequestBodyLimit bodyLimit = new RequestBodyLimit(RequestBodyLimit.DEFAULT_MAX_BYTES);

        private Builder(String name) {
            this.name = requireNonNull(name, "name is null");
        }

        public Builder host(String host) {
            this.host = requireNonNull(host, "host is null");
            return this;
        }

        /** The port to listen on; 0 picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got: " + port);
            }
            this.port = port;
            return this;
        }

        /** The largest request body a route reads ({@link RequestBodyLimit}); 1 MiB unless set. */
        public Builder maxRequestBody(long bytes) {
            this.bodyLimit = new RequestBodyLimit(bytes);
            return this;
        }

        public Builder meters(MeterRegistry meters) {
            this.meters = meters;
            return this;
        }

        public Builder tokenValidator(TokenValidator validator) {
            this.validator = requireNonNull(validator, "validator is null");
            return this;
        }

        /**
         * Runs a handler before every request, after its request id is assigned; a handler that throws
         * {@link OpenStackException} answers the request with that fault instead of routing it.
         */
        public Builder before(Handler handler) {
            beforeHandlers.add(requireNonNull(handler, "handler is null"));
            return this;
        }

        /** Adds a module. Paths are attributed to the module with the longest prefix that owns them; modules with
         * the same prefix are asked in the order they were added. */
        public Builder module(ApiModule module) {
            modules.add(requireNonNull(module, "module is null"));
            return this;
        }

        public HttpServer start() {
            List<ApiModule> byLongestPrefix = modules.stream()
                    .sorted(Comparator.comparingInt((ApiModule m) -> m.prefix().length()).reversed())
                    .toList();
            Javalin javalin = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                config.concurrency.useVirtualThreads = true;
                config.http.prefer405over404 = true;
                config.http.maxRequestSize = bodyLimit.maxBytes();
                config.router.ignoreTrailingSlashes = true;
                config.router.treatMultipleSlashesAsSingleSlash = true;
                config.jetty.host = host;
                config.jetty.port = port;
                // Ids are opaque to the routes, so encoded slashes, dots and the like reach them and are answered "not
                // found" in the service's own format, rather than refused by Jetty before it knows the service.
                config.jetty.modifyHttpConfiguration(http -> {
                    http.setUriCompliance(UriCompliance.UNSAFE);
                    // long filter lists and markers fit; Jetty answers a longer request line before routing
                    http.setRequestHeaderSize(64 * 1024);
                });
                config.jetty.modifyServletContextHandler(context -> context.getServletHandler().setDecodeAmbiguousURIs(true));
                config.jetty.modifyServer(server -> {
                    server.setStopTimeout(STOP_GRACE_MILLIS);
                    server.setErrorHandler(new ServiceErrorHandler(path -> serviceOfPath(path, byLongestPrefix)));
                });
                config.routes.before(ctx -> beginRequest(ctx, byLongestPrefix));
                config.routes.before(ctx -> bodyLimit.check(ctx, serviceOf(ctx, byLongestPrefix)));
                beforeHandlers.forEach(config.routes::before);
                for (ApiModule module : modules) {
                    module.register(new Router(config.routes, module.prefix(), validator));
                }
                config.routes.exception(OpenStackException.class, (e, ctx) ->
                        fail(ctx, serviceOf(ctx, byLongestPrefix), e.kind(), e.getMessage(), e.type()));
                config.routes.exception(HttpResponseException.class, (e, ctx) ->
                        failFromJavalin(ctx, serviceOf(ctx, byLongestPrefix), e));
                config.routes.exception(Exception.class, (e, ctx) -> {
                    if (isDataException(e)) {
                        fail(ctx, serviceOf(ctx, byLongestPrefix), ErrorKind.BAD_REQUEST,
                                "Invalid input: a value is not acceptable (too long, out of range or not valid text).", null);
                        return;
                    }
                    LOG.error("unexpected failure of {} {}", ctx.method(), ctx.path(), e);
                    fail(ctx, serviceOf(ctx, byLongestPrefix), ErrorKind.INTERNAL,
                            "The server has either erred or is incapable of performing the requested operation.", null);
                });
                config.requestLogger.http((ctx, millis) -> endRequest(ctx, byLongestPrefix));
            });
            javalin.start();
            LOG.info("{} listening on http://{}:{}", name, host, javalin.port());
            return new HttpServer(javalin, name);
        }

        private void beginRequest(Context ctx, List<ApiModule> mounts) {
            ctx.attribute(START_NANOS, System.nanoTime());
            String requestId = RequestIds.next();
            MDC.put(RequestIds.MDC_KEY, requestId);
            String global = ctx.header(RequestIds.HEADER);
            if (RequestIds.isValid(global)) {
                MDC.put(RequestIds.GLOBAL_MDC_KEY, global);
            }
            ctx.header(RequestIds.HEADER, requestId);
            if (serviceOf(ctx, mounts) == Service.COMPUTE) {
                ctx.header("x-compute-request-id", requestId);
            }
        }

        private void endRequest(Context ctx, List<ApiModule> mounts) {
            try {
                Long start = ctx.attribute(START_NANOS);
                long nanos = start == null ? 0 : System.nanoTime() - start;
                Service service = serviceOf(ctx, mounts);
                int status = ctx.statusCode();
                if (meters != null) {
                    Timer.builder("http.server.requests")
                            .description("HTTP requests served, by service, method and status")
                            .tag("service", service.label())
                            .tag("method", ctx.method().name())
                            .tag("status", Integer.toString(status))
                            .publishPercentileHistogram(false)
                            .register(meters)
                            .record(nanos, TimeUnit.NANOSECONDS);
                }
                if (LOG.isDebugEnabled() || status >= 500) {
                    LOG.info("{} {} {} {}ms", ctx.method(), ctx.path(), status, nanos / 1_000_000);
                }
            } finally {
                MDC.remove(RequestIds.MDC_KEY);
                MDC.remove(RequestIds.GLOBAL_MDC_KEY);
            }
        }

        /**
         * A database "data exception" (SQLSTATE class 22: a value too long, out of range, or text the database cannot
         * store such as a NUL character) means the caller's input was bad, whatever validation let it through.
         */
        private static boolean isDataException(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                    return true;
                }
            }
            return false;
        }

        private static Service serviceOf(Context ctx, List<ApiModule> mounts) {
            return serviceOfPath(ctx.path(), mounts);
        }

        private static Service serviceOfPath(String path, List<ApiModule> mounts) {
            for (ApiModule module : mounts) {
                if (module.owns(path)) {
                    return module.service();
                }
            }
            return Service.PLATFORM;
        }

        private static void failFromJavalin(Context ctx, Service service, HttpResponseException e) {
            ErrorKind kind = switch (e.getStatus()) {
                case 400 -> ErrorKind.BAD_REQUEST;
                case 401 -> ErrorKind.UNAUTHORIZED;
                case 403 -> ErrorKind.FORBIDDEN;
                case 404 -> ErrorKind.NOT_FOUND;
                case 405 -> ErrorKind.METHOD_NOT_ALLOWED;
                case 406 -> ErrorKind.NOT_ACCEPTABLE;
                case 409 -> ErrorKind.CONFLICT;
                case 413 -> ErrorKind.PAYLOAD_TOO_LARGE;
                case 415 -> ErrorKind.UNSUPPORTED_MEDIA_TYPE;
                case 503 -> ErrorKind.SERVICE_UNAVAILABLE;
                default -> e.getStatus() >= 500 ? ErrorKind.INTERNAL : ErrorKind.BAD_REQUEST;
            };
            String message = switch (kind) {
                case NOT_FOUND -> "The resource could not be found.";
                case METHOD_NOT_ALLOWED -> "The method is not allowed for the requested URL.";
                case PAYLOAD_TOO_LARGE -> RequestBodyLimit.MESSAGE;
                default -> kind.title();
            };
            fail(ctx, service, kind, message, null);
        }

        private static void fail(Context ctx, Service service, ErrorKind kind, String message, String type) {
            Faults.Body body = kind == ErrorKind.UNAUTHORIZED && service != Service.IDENTITY
                    ? Faults.unauthenticated()
                    : Faults.render(service, kind, message, type);
            if (kind == ErrorKind.UNAUTHORIZED) {
                ctx.header("WWW-Authenticate", "Keystone uri=\"" + ctx.scheme() + "://" + ctx.host() + "/v3\"");
            }
            ctx.status(kind.status()).contentType(body.contentType()).result(body.text());
        }
    }
}

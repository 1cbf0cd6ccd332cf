package io.cascadia.web;

import io.cascadia.core.error.ErrorKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches the routes, written in the fault format of the service the path
 * belongs to (Keystone's when Jetty no longer knows the path), like every other error, instead of Jetty's HTML page.
 */
final class ServiceErrorHandler extends ErrorHandler {
    private final Function<String, Service> serviceOfPath;

    ServiceErrorHandler(Function<String, Service> serviceOfPath) {
        this.serviceOfPath = serviceOfPath;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        ErrorKind kind = kindOf(code);
        Faults.Body body = Faults.render(serviceOfPath.apply(pathOf(request)), kind,
                kind == ErrorKind.BAD_REQUEST ? "The request URI is not valid." : kind.title() + ".", null);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, body.contentType());
        response.getHeaders().put(RequestIds.HEADER, RequestIds.next());
        response.write(true, ByteBuffer.wrap(body.text().getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** The raw path: a URI Jetty refused may have no decoded path, so it is cut out of the request line's text. */
    private static String pathOf(Request request) {
        String uri;
        try {
            uri = request.getHttpURI().asString();
        } catch (RuntimeException e) {
            return "";
        }
        int scheme = uri.indexOf("://");
        int start = scheme < 0 ? 0 : uri.indexOf('/', scheme + 3);
        if (start < 0) {
            return "";
        }
        int end = uri.indexOf('?', start);
        return uri.substring(start, end < 0 ? uri.length() : end);
    }

    private static ErrorKind kindOf(int code) {
        for (ErrorKind kind : List.of(ErrorKind.values())) {
            if (kind.status() == code) {
                return kind;
            }
        }
        return code >= 500 ? ErrorKind.INTERNAL : ErrorKind.BAD_REQUEST;
    }
}

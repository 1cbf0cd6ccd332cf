package io.cascadia.api.identity;

import static java.util.Objects.requireNonNull;

import io.cascadia.core.error.OpenStackException;
import io.cascadia.web.ApiModule;
import io.cascadia.web.Router;
import io.cascadia.web.Service;

/**
 * What {@code /v3} answers when users authenticate at an operator's Keystone rather than at Cascadia: 404 with
 * Keystone's error body naming where to authenticate, for the version document and for token requests (every other
 * path under {@code /v3} is a plain 404 in the same format).
 */
public final class ExternalIdentityApi implements ApiModule {
    private final String keystoneUrl;

    public ExternalIdentityApi(String keystoneUrl) {
        this.keystoneUrl = requireNonNull(keystoneUrl, "keystoneUrl is null");
    }

    @Override
    public Service service() {
        return Service.IDENTITY;
    }

    @Override
    public String prefix() {
        return "/v3";
    }

    @Override
    public void register(Router router) {
        router.getPublic("", ctx -> {
            throw elsewhere();
        });
        router.postPublic("/auth/tokens", ctx -> {
            throw elsewhere();
        });
    }

    private OpenStackException elsewhere() {
        return OpenStackException.notFound("This Cascadia serves no identity API: authenticate at the Keystone at "
                + keystoneUrl + " and use its catalog.");
    }
}

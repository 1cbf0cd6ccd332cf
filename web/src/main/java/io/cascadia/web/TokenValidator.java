package io.cascadia.web;

/** Turns a token from {@code X-Auth-Token} into who is calling. */
@FunctionalInterface
public interface TokenValidator {
    /**
     * @return the caller of a valid token
     * @throws io.cascadia.core.error.OpenStackException UNAUTHORIZED when the token is unknown, expired or revoked
     */
    AuthContext validate(String token);
}

package io.cascadia.emulator.compute;

import io.cascadia.core.error.OpenStackException;

/** Nova's default policy where the site enforces it, with Nova's refusal message. */
final class NovaPolicy {
    private NovaPolicy() {
    }

    static void requireAdmin(NovaRequest request, String rule) {
        if (!request.admin()) {
            throw OpenStackException.forbidden("Policy doesn't allow " + rule + " to be performed.");
        }
    }
}

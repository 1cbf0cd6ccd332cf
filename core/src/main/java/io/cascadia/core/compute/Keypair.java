package io.cascadia.core.compute;

import java.time.Instant;

/** A Nova keypair: an SSH public key owned by a user, known by its name. */
public record Keypair(String userId, String name, String type, String publicKey, String fingerprint, Instant createdAt) {
}

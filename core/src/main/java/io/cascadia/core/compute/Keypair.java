package io.cascadia.core.compute;

import java.time.Instant;

/** A Nova keypair: an SSH public key owned by a user, known by its name; {@code id} is Nova's integer id (0 until stored). */
public record Keypair(long id, String userId, String name, String type, String publicKey, String fingerprint, Instant createdAt) {
}

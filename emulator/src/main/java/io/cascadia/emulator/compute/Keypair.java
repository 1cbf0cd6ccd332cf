package io.cascadia.emulator.compute;

import java.time.Instant;

/** A user's keypair; {@code type} is {@code ssh} or {@code x509}. {@code id} is Nova's integer row id. */
record Keypair(long id, String userId, String name, String type, String publicKey, String fingerprint, Instant createdAt) {
}

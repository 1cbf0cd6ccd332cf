package io.cascadia.api.identity;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA512 password hashes (one of the KDFs Keystone supports), stored as
 * {@code $pbkdf2-sha512$<rounds>$<salt>$<hash>} so the rounds can grow without invalidating old hashes.
 */
public final class PasswordHasher {
    private static final String PREFIX = "$pbkdf2-sha512$";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 512;
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final int rounds;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    public PasswordHasher(int rounds) {
        this.rounds = rounds;
        this.dummyHash = hash("not a password");
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return PREFIX + rounds + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(derive(password, salt, rounds));
    }

    /** True when the password matches; a null hash (a user without password) never matches. */
    public boolean matches(String password, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            // Same work as a real check, so response time does not tell whether the user exists.
            matches(password, dummyHash);
            return false;
        }
        String[] parts = stored.substring(PREFIX.length()).split("\\$");
        if (parts.length != 3) {
            return false;
        }
        int storedRounds = Integer.parseInt(parts[0]);
        byte[] salt = DECODER.decode(parts[1]);
        byte[] expected = DECODER.decode(parts[2]);
        return MessageDigest.isEqual(expected, derive(password, salt, storedRounds));
    }

    private static byte[] derive(String password, byte[] salt, int rounds) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, HASH_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is not available", e);
        }
    }
}

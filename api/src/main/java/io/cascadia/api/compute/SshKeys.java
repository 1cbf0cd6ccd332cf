package io.cascadia.api.compute;

import io.cascadia.core.error.OpenStackException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * SSH keys with the JDK alone: generating an RSA pair (the public half in OpenSSH form, the private half as
 * PKCS#8 PEM, which OpenSSH reads), reading an OpenSSH public key, and Nova's MD5 fingerprint of it.
 */
final class SshKeys {
    private static final Set<String> TYPES = Set.of("ssh-rsa", "ssh-ed25519", "ssh-dss", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com");

    private SshKeys() {
    }

    /** A generated pair. */
    record Generated(String publicKey, String privateKey, String fingerprint) {
        @Override
        public String toString() {
            return "Generated[fingerprint=" + fingerprint + "]";
        }
    }

    static Generated generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAPublicKey rsa = (RSAPublicKey) pair.getPublic();
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(blob);
            writeString(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            writeString(out, rsa.getPublicExponent().toByteArray());
            writeString(out, rsa.getModulus().toByteArray());
            byte[] bytes = blob.toByteArray();
            String publicKey = "ssh-rsa " + Base64.getEncoder().encodeToString(bytes) + " Generated-by-Nova";
            String privateKey = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return new Generated(publicKey, privateKey, md5(bytes));
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /**
     * The fingerprint of an OpenSSH public key line ({@code <type> <base64> [comment]}).
     *
     * @throws OpenStackException BAD_REQUEST when the text is not such a key
     */
    static String fingerprint(String publicKey) {
        String[] parts = publicKey.trim().split("\\s+");
        if (parts.length < 2 || !TYPES.contains(parts[0])) {
            throw invalid();
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        ByteBuffer buffer = ByteBuffer.wrap(blob);
        if (buffer.remaining() < 4) {
            throw invalid();
        }
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw invalid();
        }
        byte[] type = new byte[length];
        buffer.get(type);
        if (!new String(type, StandardCharsets.US_ASCII).equals(parts[0]) || !buffer.hasRemaining()) {
            throw invalid();
        }
        return md5(blob);
    }

    private static String md5(byte[] blob) {
        try {
            return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("MD5").digest(blob));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    private static void writeString(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static OpenStackException invalid() {
        return OpenStackException.badRequest("Keypair data is invalid: failed to generate fingerprint");
    }

}

package io.cascadia.emulator.compute;

import io.cascadia.core.error.OpenStackException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Public keys as Nova handles them: OpenSSH public keys checked and fingerprinted (MD5 of the key blob, colon
 * separated), X.509 certificates fingerprinted by SHA-1, and new RSA keypairs generated for callers who give no
 * public key.
 */
final class SshKeys {
    private static final Set<String> SSH_TYPES = Set.of("ssh-rsa", "ssh-ed25519", "ssh-dss", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521");

    private SshKeys() {
    }

    /** A generated keypair: the public key in OpenSSH form and the private key in PEM. */
    record Generated(String publicKey, String privateKey) {
    }

    /**
     * @throws OpenStackException 400 when the text is not an OpenSSH public key
     */
    static String sshFingerprint(String publicKey) {
        String[] parts = publicKey.trim().split("\\s+");
        if (parts.length < 2 || !SSH_TYPES.contains(parts[0])) {
            throw invalid();
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (blob.length < 4 + parts[0].length() || !new String(blob, 4, parts[0].length(), StandardCharsets.US_ASCII).equals(parts[0])) {
            throw invalid();
        }
        return colonHex(digest("MD5", blob));
    }

    /**
     * @throws OpenStackException 400 when the text is not a PEM X.509 certificate
     */
    static String x509Fingerprint(String certificate) {
        try {
            var parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate.getBytes(StandardCharsets.US_ASCII)));
            return colonHex(digest("SHA-1", parsed.getEncoded()));
        } catch (CertificateException e) {
            throw OpenStackException.badRequest("Keypair data is invalid: failed to generate X509 fingerprint. Error message: " + e.getMessage());
        }
    }

    static Generated generateRsa(String comment) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAPublicKey key = (RSAPublicKey) pair.getPublic();
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(blob);
            writeString(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            writeString(out, key.getPublicExponent().toByteArray());
            writeString(out, key.getModulus().toByteArray());
            String publicKey = "ssh-rsa " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " " + comment;
            String privateKey = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return new Generated(publicKey, privateKey);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot generate an RSA keypair", e);
        }
    }

    private static void writeString(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    private static String colonHex(byte[] bytes) {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }

    private static OpenStackException invalid() {
        return OpenStackException.badRequest("Keypair data is invalid: failed to generate fingerprint");
    }
}

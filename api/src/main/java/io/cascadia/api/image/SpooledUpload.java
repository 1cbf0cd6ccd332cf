package io.cascadia.api.image;

import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Image data as a client sent it, read to the end into a temporary file with its size, MD5 and SHA-512, so that
 * however slowly the client sends, no database connection waits on it: the data goes to the database from the file
 * afterwards. Refuses data over the size cap with Glance's 413 as soon as the cap is passed. Closing deletes the file.
 */
final class SpooledUpload implements AutoCloseable {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path file;
    private final long size;
    private final String md5;
    private final String sha512;

    private SpooledUpload(Path file, long size, String md5, String sha512) {
        this.file = file;
        this.size = size;
        this.md5 = md5;
        this.sha512 = sha512;
    }

    /**
     * Reads {@code body} to its end.
     *
     * @throws OpenStackException 413 when the body has more than {@code sizeCap} bytes; nothing is kept then
     * @throws IOException when the client's body cannot be read or the file written
     */
    static SpooledUpload of(InputStream body, long sizeCap) throws IOException {
        Path file = Files.createTempFile("cascadia-image-", ".part");
        try {
            MessageDigest md5 = digest("MD5");
            MessageDigest sha512 = digest("SHA-512");
            long size = 0;
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[BUFFER_BYTES];
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    size += n;
                    if (size > sizeCap) {
                        throw tooLarge();
                    }
                    md5.update(buffer, 0, n);
                    sha512.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            return new SpooledUpload(file, size, HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha512.digest()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Glance's answer to data over {@code image_size_cap}. */
    static OpenStackException tooLarge() {
        return new OpenStackException(ErrorKind.PAYLOAD_TOO_LARGE,
                "The incoming image is too large: The provided image is too large.");
    }

    /** The data, from the start; the caller closes it. */
    InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    long size() {
        return size;
    }

    String md5() {
        return md5;
    }

    String sha512() {
        return sha512;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}

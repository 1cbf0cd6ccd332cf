package io.cascadia.sites;

import java.nio.charset.StandardCharsets;

/**
 * Paths of site calls, every segment percent-encoded (RFC 3986: all but the unreserved characters), so a name or id
 * with a space, slash, {@code ?}, {@code #} or {@code %} in it stays one segment: {@code of("os-keypairs", "my key")}
 * is {@code /os-keypairs/my%20key}.
 */
final class Paths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Paths() {
    }

    /** {@code /segment/segment/...}, each segment encoded. */
    static String of(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(segment(segment));
        }
        return path.toString();
    }

    /** One path segment, percent-encoded. */
    static String segment(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a path segment must not be empty: " + (value == null ? "null" : "\"\""));
        }
        StringBuilder encoded = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
                    || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return encoded.toString();
    }
}

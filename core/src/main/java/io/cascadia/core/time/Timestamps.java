package io.cascadia.core.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The timestamp formats the OpenStack APIs write, and a lenient reader for the ones clients send. */
public final class Timestamps {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** Keystone's form: {@code 2015-11-05T22:00:11.000000Z}. */
    public static String micros(Instant instant) {
        return MICROS.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** Nova's, Neutron's and Glance's form: {@code 2015-11-05T22:00:11Z}. */
    public static String seconds(Instant instant) {
        return SECONDS.format(instant);
    }

    /**
     * Reads an ISO 8601 time as clients send it in {@code changes-since}: with or without fraction, with a
     * zone or offset, or none (taken as UTC). Empty when the text is not a time.
     */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.trim().replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException withOffset) {
            try {
                return Optional.of(java.time.LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException withoutOffset) {
                return Optional.empty();
            }
        }
    }
}

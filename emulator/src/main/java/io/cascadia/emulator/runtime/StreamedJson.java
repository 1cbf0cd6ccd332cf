package io.cascadia.emulator.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;

/**
 * A JSON answer written straight to the output by a generator, for large answers (a page of a thousand servers)
 * that would cost more to build as a tree of nodes first. Serialized by the shared mapper like any other body.
 */
public final class StreamedJson extends JsonSerializable.Base {
    /** Writes one complete JSON value. */
    @FunctionalInterface
    public interface Writer {
        void write(JsonGenerator generator) throws IOException;
    }

    private final Writer writer;

    private StreamedJson(Writer writer) {
        this.writer = requireNonNull(writer, "writer is null");
    }

    public static StreamedJson of(Writer writer) {
        return new StreamedJson(writer);
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
        writer.write(generator);
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializerProvider provider, TypeSerializer type) throws IOException {
        writer.write(generator);
    }
}

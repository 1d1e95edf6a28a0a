package io.matterhorn.format;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;

/**
 * Strict JSON parsing on Gson's streaming reader (RFC 8259 only: no comments, no unquoted names, no trailing
 * data), refusing duplicate object keys and nesting deeper than {@link #MAX_DEPTH}. Gson's own tree parser keeps
 * the last of duplicate keys silently; a file format must not. Uses only API present since Gson 2.8 (non-lenient
 * mode), so it runs against the Gson that Spark 3.5 puts first on its class path (2.10.1). Stateless.
 */
public final class StrictJson {
    /** Deepest nesting of arrays and objects accepted. */
    public static final int MAX_DEPTH = 64;

    private StrictJson() {
    }

    /**
     * @param text JSON text
     * @return the parsed value
     * @throws IllegalArgumentException naming the problem (syntax, duplicate key, depth)
     */
    public static JsonElement parse(String text) {
        try (JsonReader r = new JsonReader(new StringReader(text))) {
            r.setLenient(false);
            JsonElement v = read(r, 0, "$");
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("trailing data after the JSON value");
            }
            return v;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
        }
    }

    private static JsonElement read(JsonReader r, int depth, String path) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH + " levels at " + path);
        }
        switch (r.peek()) {
            case BEGIN_OBJECT: {
                JsonObject o = new JsonObject();
                r.beginObject();
                while (r.hasNext()) {
                    String k = r.nextName();
                    if (o.has(k)) {
                        throw new IllegalArgumentException("duplicate key '" + k + "' in JSON object " + path);
                    }
                    o.add(k, read(r, depth + 1, path + "." + k));
                }
                r.endObject();
                return o;
            }
            case BEGIN_ARRAY: {
                JsonArray a = new JsonArray();
                r.beginArray();
                int i = 0;
                while (r.hasNext()) {
                    a.add(read(r, depth + 1, path + "[" + i++ + "]"));
                }
                r.endArray();
                return a;
            }
            case STRING:
                return new JsonPrimitive(r.nextString());
            case NUMBER:
                return new JsonPrimitive(new BigDecimal(r.nextString()));
            case BOOLEAN:
                return new JsonPrimitive(r.nextBoolean());
            case NULL:
                r.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw new IllegalArgumentException("unexpected " + r.peek() + " at " + path);
        }
    }
}

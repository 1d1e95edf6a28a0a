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
 * the last of duplicate keys silently; a file format must not.
 *
 * <p>Needs nothing newer than Gson 2.10.1, the version that Spark 3.5 puts first on its driver's and executors'
 * class path: it uses only the reader's default (non-lenient) mode, not the {@code Strictness} API of Gson 2.11. The
 * three departures from RFC 8259 that the non-lenient mode still accepts (unescaped control
 * characters in strings, the escape {@code \'}, and {@code true}, {@code false}, {@code null} in any letter case)
 * are refused by a scan of the text before parsing.
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
        checkLexically(text);
        // the reader's default mode is non-lenient (Gson 2.10: lenient = false; 2.11+: LEGACY_STRICT)
        try (JsonReader r = new JsonReader(new StringReader(text))) {
            JsonElement v = read(r, 0, "$");
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("trailing data after the JSON value");
            }
            return v;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses what RFC 8259 forbids but Gson's non-lenient reader accepts: a control character U+0000..U+001F
     * inside a string, the escape sequence {@code \'}, and a literal other than exactly {@code true}, {@code false}
     * or {@code null} (e.g. {@code TRUE}). Everything else is left to the reader.
     */
    private static void checkLexically(String text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                i = checkString(text, i + 1);
            } else if (isLetter(c)) {
                int end = i;
                while (end < n && (isLetter(text.charAt(end)) || Character.isDigit(text.charAt(end)))) {
                    end++;
                }
                String word = text.substring(i, end);
                if (!word.equals("true") && !word.equals("false") && !word.equals("null")) {
                    throw new IllegalArgumentException("malformed JSON: literal '" + abbreviate(word) + "' at "
                            + where(text, i) + " (only true, false and null, in lower case)");
                }
                i = end;
            } else if (c == '-' || Character.isDigit(c)) {
                // a number, with its exponent letter: the reader checks its syntax
                while (i < n && "+-.eE0123456789".indexOf(text.charAt(i)) >= 0) {
                    i++;
                }
            } else {
                i++;
            }
        }
    }

    /** @return the position after the closing quote of the string whose contents start at {@code from} */
    private static int checkString(String text, int from) {
        int n = text.length();
        int i = from;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c < 0x20) {
                throw new IllegalArgumentException(String.format("malformed JSON: unescaped control character "
                        + "U+%04X in a string at %s", (int) c, where(text, i)));
            }
            if (c == '\\') {
                if (i + 1 < n && text.charAt(i + 1) == '\'') {
                    throw new IllegalArgumentException("malformed JSON: invalid escape sequence \\' at "
                            + where(text, i));
                }
                i += 2; // skip the escaped character (a unicode escape goes on with plain hex digits)
            } else {
                i++;
            }
        }
        return n; // unterminated: the reader reports it
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "...";
    }

    /** @return "line L column C" (1-based) of character offset {@code at} */
    private static String where(String text, int at) {
        int line = 1;
        int col = 1;
        for (int k = 0; k < at; k++) {
            if (text.charAt(k) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return "line " + line + " column " + col;
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

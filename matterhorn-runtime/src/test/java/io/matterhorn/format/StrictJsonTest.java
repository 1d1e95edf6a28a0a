package io.matterhorn.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import org.junit.jupiter.api.Test;

/**
 * RFC 8259 strictness without Gson 2.11's {@code Strictness} API: what the reader's default mode lets through is
 * refused by {@code StrictJson}'s own scan, and valid documents (also with those characters where they are
 * allowed) still parse. matterhorn-spark runs the model-file tests again with Gson 2.10.1 on the class path.
 */
class StrictJsonTest {

    private static String refused(String json) {
        return assertThrows(IllegalArgumentException.class, () -> StrictJson.parse(json), json).getMessage();
    }

    @Test
    void controlCharactersInsideStringsAreRefused() {
        assertTrue(refused("{\"a\": \"x\ny\"}").contains("U+000A"));
        assertTrue(refused("[\"\t\"]").contains("U+0009"));
        assertTrue(refused("[\"\u0000\"]").contains("U+0000"));
        // escaped, they are fine; whitespace between tokens is fine
        assertEquals("x\ny\t", StrictJson.parse("{\n\t\"a\" :\r\n \"x\\ny\\t\"\n}").getAsJsonObject().get("a")
                .getAsString());
    }

    @Test
    void theSingleQuoteEscapeIsRefused() {
        assertTrue(refused("[\"it\\'s\"]").contains("\\'"));
        assertEquals("it's", StrictJson.parse("[\"it's\"]").getAsJsonArray().get(0).getAsString());
        // an escaped backslash followed by a quote character is two valid characters
        assertEquals("\\'", StrictJson.parse("[\"\\\\'\"]").getAsJsonArray().get(0).getAsString());
    }

    @Test
    void literalsMustBeLowerCase() {
        for (String bad : new String[] {"TRUE", "True", "fAlse", "NULL", "nulL", "NaN", "Infinity", "-Infinity",
            "undefined"}) {
            assertTrue(refused("[" + bad + "]").contains("literal"), bad);
        }
        JsonElement ok = StrictJson.parse("{\"t\": true, \"f\": false, \"n\": null, \"s\": \"TRUE\"}");
        assertTrue(ok.getAsJsonObject().get("t").getAsBoolean());
        assertTrue(ok.getAsJsonObject().get("n").isJsonNull());
        assertEquals("TRUE", ok.getAsJsonObject().get("s").getAsString());
    }

    @Test
    void numbersWithExponentsStillParse() {
        JsonElement v = StrictJson.parse("[1e2, 1E-3, -2.5e+4, 0]");
        assertEquals(100.0, v.getAsJsonArray().get(0).getAsDouble());
        assertEquals(-25000.0, v.getAsJsonArray().get(2).getAsDouble());
        refused("[1e]");
        refused("[01]");
        refused("[.5]");
    }

    @Test
    void theReadersNonLenientModeRefusesTheRest() {
        refused("{'a': 1}");
        refused("{a: 1}");
        refused("[1] # comment");
        refused("[1 2]");
        refused("{\"a\" = 1}");
        refused("[\"unterminated");
        refused("");
        assertTrue(refused("{\"a\":1,\"a\":2}").contains("duplicate key"));
    }
}

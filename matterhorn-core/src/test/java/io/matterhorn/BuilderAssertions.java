package io.matterhorn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/** What the builder tests check over and over: a refusal with a clear message, and expected name/value maps. */
public final class BuilderAssertions {
    private BuilderAssertions() {
    }

    /**
     * Asserts that {@code call} throws an {@link IllegalArgumentException} whose message contains the text.
     *
     * @param expectedInMessage text the message must contain
     * @param call the call that must be refused
     */
    public static void rejects(String expectedInMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedInMessage),
                "message '" + e.getMessage() + "' should contain '" + expectedInMessage + "'");
    }

    /**
     * @param nameValue alternating names (String) and values (Number)
     * @return the pairs as an ordered map of doubles
     */
    public static Map<String, Double> values(Object... nameValue) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < nameValue.length; k += 2) {
            m.put((String) nameValue[k], ((Number) nameValue[k + 1]).doubleValue());
        }
        return m;
    }
}

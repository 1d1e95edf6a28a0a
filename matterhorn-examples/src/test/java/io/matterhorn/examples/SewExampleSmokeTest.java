package io.matterhorn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.examples.sew.SewExample;
import io.matterhorn.model.ResidualConnection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Example 5 at the smallest input size: parameter count, forward and two training steps. */
class SewExampleSmokeTest {
    @Test
    void printsParameterCountAndTrains() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        SewExample.Result r = SewExample.run(32, 2, 1, 2, ResidualConnection.ADD, 3,
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        assertEquals(11_178_206L, r.parameterCount());
        assertArrayEquals(new long[] {1, 10}, r.outputShape());
        assertEquals(2, r.losses().length);
        assertTrue(buffer.toString(StandardCharsets.UTF_8).contains("11,178,206 parameters"));
        for (double loss : r.losses()) {
            assertTrue(Double.isFinite(loss) && loss >= 0, "loss " + loss);
        }
    }
}

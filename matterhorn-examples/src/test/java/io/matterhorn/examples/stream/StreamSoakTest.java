package io.matterhorn.examples.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A short soak: many streams on all cores equal their single-threaded replays; corrupt state bytes are refused. */
class StreamSoakTest {
    @Test
    void streamsOnAllCoresEqualTheirReplaysAndCorruptBytesAreRefused() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        boolean ok = StreamSoak.run(new PrintStream(buffer, true, StandardCharsets.UTF_8),
                StreamNetworks.MLP.compile(1), StreamNetworks.MLP.density(), 200, 3, 1);
        String line = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(ok, line);
        assertTrue(line.contains("cross-talk mismatches 0"), line);
    }
}

package io.matterhorn.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's quick start is this file, and running it twice in one JVM prints the same numbers. */
class QuickStartTest {
    private static final Path SOURCE = Path.of(
            "src/main/java/io/matterhorn/examples/quickstart/QuickStart.java");
    private static final Path README = Path.of("../README.md");

    @Test
    void readmeShowsTheQuickStartFileVerbatim() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<!-- quickstart:begin -->\n```java\n(.*?)```\n<!-- quickstart:end -->",
                Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README.md has no quickstart block between the markers");
        assertEquals(Files.readString(SOURCE, StandardCharsets.UTF_8), m.group(1),
                "README.md's quick start differs from QuickStart.java: copy the file into the README block");
    }

    @Test
    void twoRunsPrintIdenticalNumbers() {
        String first = run();
        String second = run();
        assertTrue(first.contains("epoch 1: loss "), first);
        Matcher accuracy = Pattern.compile("test accuracy (\\d+\\.\\d\\d)%").matcher(first);
        assertTrue(accuracy.find(), first);
        assertTrue(Double.parseDouble(accuracy.group(1)) > 50.0, "one epoch should learn: " + first);
        assertTrue(first.contains("parameters 63,522 (trainable 63,522)"), first);
        assertEquals(first, second, "Matterhorn.seed(42) must make the two runs print the same");
    }

    private static String run() {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            QuickStart.main(new String[] {"1"});
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

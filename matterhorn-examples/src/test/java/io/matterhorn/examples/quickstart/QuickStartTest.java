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
    void twoRunsPrintIdenticalNumbersAndTheReadmesFigures() throws IOException {
        String first = run();
        String second = run();
        assertTrue(first.contains("epoch 1: loss ") && first.contains("epoch 2: loss "), first);
        Matcher accuracy = Pattern.compile("epoch (\\d): loss [0-9.]+, test accuracy (\\d+\\.\\d\\d)%").matcher(first);
        String[] printed = new String[3];
        while (accuracy.find()) {
            printed[Integer.parseInt(accuracy.group(1))] = accuracy.group(2);
        }
        assertTrue(Double.parseDouble(printed[1]) > 50.0, "one epoch should learn: " + first);
        assertTrue(first.contains("parameters 63,522 (trainable 63,522)"), first);
        assertEquals(first, second, "Matterhorn.seed(42) must make the two runs print the same");
        // the README states both figures; they follow from the seed, so a change of the numbers shows up here
        String readme = Files.readString(README, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        Matcher stated = Pattern.compile("after one epoch the test accuracy is (\\d+\\.\\d\\d)%, after two "
                + "(\\d+\\.\\d\\d)%").matcher(readme);
        assertTrue(stated.find(), "README.md must say: after one epoch the test accuracy is X%, after two Y%");
        assertEquals(printed[1] + " / " + printed[2], stated.group(1) + " / " + stated.group(2),
                "README.md's quick-start figures differ from what QuickStart prints: update the README");
    }

    private static String run() {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            QuickStart.main(new String[] {"2"});
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

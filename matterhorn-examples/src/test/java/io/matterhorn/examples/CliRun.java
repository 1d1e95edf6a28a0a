package io.matterhorn.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A command of {@link Main} run in this JVM, with what it printed.
 *
 * @param code the exit code
 * @param out  what it printed to its output stream
 * @param err  what it printed to its error stream
 */
public record CliRun(int code, String out, String err) {
    /**
     * Runs {@code Main args} in this JVM.
     *
     * @param args command and options
     * @return the exit code and the printed text
     */
    public static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

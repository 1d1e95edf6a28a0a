package io.matterhorn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples run on the class path Maven gives {@code exec:java} (run-time scope), not only on the test class
 * path the other tests see. A test-scoped dependency once won Maven's version mediation for a library ND4J needs
 * at run time and took it off that class path: every test passed while the README's commands failed in ND4J's
 * initialisation. This test runs one batch of example 1 the way the README does, through {@code mvn -pl
 * matterhorn-examples exec:java} (the other modules as this build installed them).
 */
class RunTimeClassPathTest {
    @TempDir
    Path dir;

    @Test
    void exampleOneTrainsThroughExecJava() throws IOException, InterruptedException {
        String out = run(List.of("mvn", "-B", "-q", "-pl", "matterhorn-examples", "exec:java",
                "-Dexec.args=bench --warmup 1 --batches 1 --rounds 1"), Path.of("..").toAbsolutePath(), 600);
        assertTrue(out.contains("samples_per_s"), out);
    }

    private String run(List<String> command, Path workDir, int seconds) throws IOException, InterruptedException {
        Path log = dir.resolve("log-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertTrue(done, "timed out: " + command + "\n" + out);
        assertEquals(0, p.exitValue(), command + "\n" + out);
        return out;
    }
}

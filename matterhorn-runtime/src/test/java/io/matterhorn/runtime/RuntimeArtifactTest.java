package io.matterhorn.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What an application that only runs trained networks pulls in: the runtime's classes and its run-time
 * dependencies (the class path Maven resolves for scope runtime, written by the build to
 * {@code target/runtime-classpath.txt}). It must hold no ND4J and no JavaCPP, and weigh under 5 MB. The runtime's
 * own classes are counted uncompressed, more than its jar weighs.
 */
class RuntimeArtifactTest {
    private static final long LIMIT = 5L * 1024 * 1024;

    @Test
    void runtimeClassPathIsSmallAndFreeOfNativeLibraries() throws IOException {
        Path listing = Path.of("target", "runtime-classpath.txt");
        assertTrue(Files.isRegularFile(listing), "the build writes " + listing.toAbsolutePath());
        String text = Files.readString(listing).trim();
        List<String> jars = new ArrayList<>(List.of(text.split(java.io.File.pathSeparator)));
        assertFalse(jars.isEmpty());
        long total = 0;
        for (String jar : jars) {
            String name = Path.of(jar).getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            assertFalse(name.contains("nd4j") || name.contains("javacpp") || name.contains("openblas")
                    || name.contains("bytedeco"), "the runtime pulls " + jar);
            total += Files.size(Path.of(jar));
        }
        long classes;
        try (Stream<Path> files = Files.walk(Path.of("target", "classes"))) {
            classes = files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
        assertTrue(classes > 50_000, "the runtime's classes were found (" + classes + " bytes)");
        assertTrue(total + classes < LIMIT, "run-time class path " + (total + classes) + " bytes: " + jars);
    }
}

package io.matterhorn.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs every reference case computed by the Python original (matterhorn_pytorch 1.0.1) and prints
 * {@code conformance: P passed, F failed, U unsupported}. Cases come from the test classpath folder
 * {@code conformance/}, or from the folder named by the environment variable {@code MATTERHORN_CONFORMANCE_DIR}.
 *
 * <p>Kinds not implemented yet count as unsupported; only the kinds listed in {@link #NOT_YET_IMPLEMENTED} (and
 * the somas in {@link #NOT_YET_IMPLEMENTED_SOMAS}) may be unsupported, and an unknown kind fails the test.
 * Handlers per kind are registered in {@link Handlers}.
 */
class ConformanceTest {
    /** Kinds whose modules come in later issues (model zoo, STDP, data sets). */
    static final Set<String> NOT_YET_IMPLEMENTED = Set.of();
    /** Somas whose classes come in a later issue. */
    static final Set<String> NOT_YET_IMPLEMENTED_SOMAS = Set.of();

    @Test
    void everyReferenceCase() throws IOException, URISyntaxException {
        Path dir = caseDirectory();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() > 0, "no conformance cases found in " + dir);
        int passed = 0;
        int unsupported = 0;
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            CaseFile c = CaseFile.read(f);
            Outcome outcome;
            try {
                outcome = Handlers.forKind(c.kind).run(c);
            } catch (AssertionError | RuntimeException e) {
                failures.add(c.name + ": " + e.getMessage());
                continue;
            }
            if (outcome == Outcome.PASSED) {
                passed++;
            } else if (outcome == Outcome.UNSUPPORTED && allowedUnsupported(c)) {
                unsupported++;
            } else {
                failures.add(c.name + ": kind '" + c.kind + "' is not supported and may not be skipped");
            }
        }
        System.out.printf("conformance: %d passed, %d failed, %d unsupported%n", passed, failures.size(),
                unsupported);
        failures.forEach(m -> System.out.println("  FAILED " + m));
        assertEquals(List.of(), failures, "conformance failures");
        assertEquals(files.size(), passed + unsupported);
    }

    private static boolean allowedUnsupported(CaseFile c) {
        if (NOT_YET_IMPLEMENTED.contains(c.kind)) {
            return true;
        }
        return c.kind.equals("soma") && NOT_YET_IMPLEMENTED_SOMAS.contains(c.json.get("soma").getAsString());
    }

    private static Path caseDirectory() throws URISyntaxException {
        String env = System.getenv("MATTERHORN_CONFORMANCE_DIR");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            assertTrue(Files.isDirectory(p), "MATTERHORN_CONFORMANCE_DIR is not a directory: " + p);
            return p;
        }
        URL url = ConformanceTest.class.getResource("/conformance");
        assertTrue(url != null, "conformance cases missing from the test classpath");
        return Path.of(url.toURI());
    }
}

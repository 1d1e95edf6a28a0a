package io.matterhorn.data.mnist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the MNIST IDX files of one split inside a directory, trying the usual file names. */
final class MnistFiles {

    private MnistFiles() {
    }

    /**
     * Returns the candidate file names for one split and kind, in the order they are tried.
     *
     * @param train {@code true} for the training split ({@code train-}), {@code false} for test ({@code t10k-} or
     *              {@code test-})
     * @param kind  {@code "images"} or {@code "labels"}
     */
    static List<String> candidateNames(boolean train, String kind) {
        String[] prefixes = train ? new String[] {"train"} : new String[] {"t10k", "test"};
        String idx = kind.equals("images") ? "idx3-ubyte" : "idx1-ubyte";
        List<String> names = new ArrayList<>();
        for (String prefix : prefixes) {
            String base = prefix + "-" + kind + "-" + idx;
            String dotted = prefix + "-" + kind + "." + idx;
            names.add(base);
            names.add(base + ".gz");
            names.add(dotted);
            names.add(dotted + ".gz");
        }
        return names;
    }

    /**
     * Returns the first existing regular file among {@link #candidateNames}.
     *
     * @throws NoSuchFileException listing every name tried if none exists
     */
    static Path find(Path dir, boolean train, String kind) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a directory (expected MNIST IDX files inside)");
        }
        List<String> names = candidateNames(train, kind);
        for (String name : names) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new NoSuchFileException(dir.toString(), null, "no MNIST " + (train ? "training" : "test") + " "
                + kind + " file found; tried " + String.join(", ", names));
    }
}

package io.matterhorn.data.neuromorphic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Lists files in a deterministic order: by the number in the name, then by the name itself. */
final class SortedFiles {

    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");

    /** Natural order: names with numbers compare by the last number in them ({@code a_2} before {@code a_10}). */
    static final Comparator<Path> NATURAL = Comparator.comparingLong(SortedFiles::lastNumber)
            .thenComparing(p -> p.getFileName().toString());

    private SortedFiles() {
    }

    /**
     * Lists the regular files of a folder whose names end in {@code suffix} (case-insensitive).
     *
     * @param dir    the folder
     * @param suffix for example {@code ".bin"}
     * @return the files in natural order; empty if the folder does not exist
     * @throws IOException if the folder cannot be listed
     */
    static List<Path> list(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        String lower = suffix.toLowerCase(Locale.ROOT);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(lower))
                    .sorted(NATURAL).toList();
        }
    }

    /** The last number in a file name, or -1 without one. */
    static long lastNumber(Path p) {
        Matcher m = LAST_NUMBER.matcher(p.getFileName().toString());
        if (!m.find()) {
            return -1;
        }
        String digits = m.group(1);
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}

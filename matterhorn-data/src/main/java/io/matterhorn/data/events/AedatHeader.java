package io.matterhorn.data.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ASCII header of an AEDAT file: lines starting with {@code #}, each ending in {@code \n} (usually
 * {@code \r\n}), before the binary data.
 *
 * @param version     the version from the first line, for example {@code "2.0"} or {@code "3.1"}
 * @param lines       the header lines without their line ends
 * @param dataOffset  the byte offset of the first byte after the header
 */
record AedatHeader(String version, List<String> lines, int dataOffset) {

    private static final String MAGIC = "#!AER-DAT";

    /**
     * Parses the header lines at the start of {@code bytes}.
     *
     * @param bytes       the whole file
     * @param source      name used in error messages
     * @param endMarker   a line that ends the header (included in it), or {@code null} to end the header at the
     *                    first line that does not start with {@code #}
     * @return the header
     * @throws EventFormatException if the file does not start with {@code #!AER-DAT}, a header line is not
     *                              terminated, or {@code endMarker} never appears
     */
    static AedatHeader parse(byte[] bytes, String source, String endMarker) throws EventFormatException {
        if (!startsWith(bytes, MAGIC)) {
            String start = new String(bytes, 0, Math.min(bytes.length, 16), StandardCharsets.ISO_8859_1)
                    .replaceAll("[^\\x20-\\x7E]", "?");
            throw new EventFormatException(source, "not an AEDAT file: expected the first line to start with '"
                    + MAGIC + "', found '" + start + "'" + (bytes.length == 0 ? " (empty file)" : ""));
        }
        List<String> lines = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length && bytes[pos] == '#') {
            int end = pos;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (end >= bytes.length) {
                throw new EventFormatException(source, "truncated AEDAT header: line at offset " + pos
                        + " has no line end");
            }
            int textEnd = end > pos && bytes[end - 1] == '\r' ? end - 1 : end;
            String line = new String(bytes, pos, textEnd - pos, StandardCharsets.ISO_8859_1);
            lines.add(line);
            pos = end + 1;
            if (endMarker != null && line.equals(endMarker)) {
                return new AedatHeader(version(lines.get(0)), List.copyOf(lines), pos);
            }
        }
        if (endMarker != null) {
            throw new EventFormatException(source, "AEDAT header has no '" + endMarker + "' line (header ends at "
                    + "offset " + pos + ")");
        }
        return new AedatHeader(version(lines.get(0)), List.copyOf(lines), pos);
    }

    private static String version(String firstLine) {
        return firstLine.substring(MAGIC.length()).trim();
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        if (bytes.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

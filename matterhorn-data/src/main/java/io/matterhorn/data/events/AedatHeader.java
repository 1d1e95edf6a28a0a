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
     * Reads the version from the first line, {@code #!AER-DAT<version>}.
     *
     * @param bytes  the whole file
     * @param source name used in error messages
     * @return for example {@code "2.0"}
     * @throws EventFormatException if the file does not start with {@code #!AER-DAT} or the line has no end
     */
    static String readVersion(byte[] bytes, String source) throws EventFormatException {
        checkMagic(bytes, source);
        int end = lineEnd(bytes, 0);
        if (end < 0) {
            throw new EventFormatException(source, "truncated AEDAT header: the first line has no line end");
        }
        return version(text(bytes, 0, end));
    }

    /**
     * Parses the header lines at the start of {@code bytes}.
     *
     * <p>A header line starts with {@code #} and holds text: no control bytes other than tab before its
     * {@code \r\n} or {@code \n}. A {@code #} followed by binary bytes is therefore the first event, not a header
     * line (the original dropped such an event, docs/datasets.md #31).
     *
     * @param bytes       the whole file
     * @param source      name used in error messages
     * @param endMarker   a line that ends the header (included in it), or {@code null} to end the header at the
     *                    first line that is not a {@code #} text line
     * @return the header
     * @throws EventFormatException if the file does not start with {@code #!AER-DAT}, a header line is not
     *                              terminated, or {@code endMarker} never appears
     */
    static AedatHeader parse(byte[] bytes, String source, String endMarker) throws EventFormatException {
        checkMagic(bytes, source);
        List<String> lines = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length && bytes[pos] == '#') {
            int end = lineEnd(bytes, pos);
            if (end == -2 && endMarker == null && !lines.isEmpty()) {
                break; // '#' followed by binary bytes: the first event
            }
            if (end < 0) {
                throw new EventFormatException(source, "truncated AEDAT header: line at offset " + pos
                        + (end == -1 ? " has no line end" : " holds binary bytes"));
            }
            String line = text(bytes, pos, end);
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

    /**
     * Finds the {@code \n} ending the text line at {@code pos}.
     *
     * @return its index; -1 if the data ends first; -2 if a control byte (other than tab, or CR before LF) comes
     *         first
     */
    private static int lineEnd(byte[] bytes, int pos) {
        for (int i = pos; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '\n') {
                return i;
            }
            boolean crlf = b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n';
            if (b < 0x20 && b != '\t' && !crlf || b == 0x7F) {
                return -2;
            }
        }
        return -1;
    }

    /** The line text between {@code pos} and its {@code \n} at {@code end}, without a trailing CR. */
    private static String text(byte[] bytes, int pos, int end) {
        int textEnd = end > pos && bytes[end - 1] == '\r' ? end - 1 : end;
        return new String(bytes, pos, textEnd - pos, StandardCharsets.ISO_8859_1);
    }

    private static void checkMagic(byte[] bytes, String source) throws EventFormatException {
        if (!startsWith(bytes, MAGIC)) {
            String start = new String(bytes, 0, Math.min(bytes.length, 16), StandardCharsets.ISO_8859_1)
                    .replaceAll("[^\\x20-\\x7E]", "?");
            throw new EventFormatException(source, "not an AEDAT file: expected the first line to start with '"
                    + MAGIC + "', found '" + start + "'" + (bytes.length == 0 ? " (empty file)" : ""));
        }
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

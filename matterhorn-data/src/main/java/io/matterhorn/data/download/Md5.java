package io.matterhorn.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5 digests of files, as published next to data set archives. */
public final class Md5 {

    private Md5() {
    }

    /**
     * Computes the MD5 of a file.
     *
     * @param file the file
     * @return 32 lower-case hexadecimal digits
     * @throws IOException if the file cannot be read
     */
    public static String of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buffer)) > 0) {
                digest.update(buffer, 0, r);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Computes the MD5 of bytes in memory.
     *
     * @param bytes the data
     * @return 32 lower-case hexadecimal digits
     */
    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /**
     * Checks a file against its published digest.
     *
     * @param file     the file
     * @param expected the expected MD5 (any case)
     * @throws ChecksumMismatchException if the digests differ
     * @throws IOException               if the file cannot be read
     */
    public static void verify(Path file, String expected) throws IOException {
        String actual = of(file);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new ChecksumMismatchException(file, expected, actual);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5 implementation", e);
        }
    }
}

package io.matterhorn.data.download;

import java.util.Locale;
import java.util.Objects;

/**
 * One file of a data set as published: the name it is saved under, where it can be downloaded and its MD5.
 *
 * @param fileName the local file name, for example {@code Train.zip}
 * @param url      the download address (the page to visit for data sets that must be fetched by hand)
 * @param md5      the expected MD5 digest, 32 lower-case hexadecimal digits
 */
public record Resource(String fileName, String url, String md5) {

    /**
     * Validates the fields.
     *
     * @param fileName the local file name, for example {@code Train.zip}
     * @param url the download address (the page to visit for data sets that must be fetched by hand)
     * @param md5 the expected MD5 digest, 32 lower-case hexadecimal digits
     * @throws IllegalArgumentException if the file name is empty or contains a path separator, or the MD5 is not
     *                                  32 hexadecimal digits
     */
    public Resource {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(md5, "md5");
        if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("Resource: bad file name '" + fileName + "'");
        }
        md5 = md5.toLowerCase(Locale.ROOT);
        if (!md5.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("Resource " + fileName + ": MD5 must be 32 hexadecimal digits, got '"
                    + md5 + "'");
        }
    }
}

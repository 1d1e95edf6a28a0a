package io.matterhorn.data.download;

/**
 * Bounds that {@link Archives#extract(java.nio.file.Path, java.nio.file.Path, ExtractionLimits)} enforces while it
 * writes, so that a small hostile archive (a "zip bomb", a huge GNU long-name or PAX record) is refused before it
 * fills the disk or the heap.
 *
 * <p>Checks, all made while bytes are written (never after):
 * <ul>
 *   <li>the bytes written for all entries together stay {@code <= maxTotalBytes};</li>
 *   <li>once more than {@code ratioFloorBytes} are written, the bytes written stay
 *       {@code <= maxInflationRatio * archiveSize} (compressed size on disk); small archives may compress well;</li>
 *   <li>a tar metadata record (GNU long name or long link, PAX header) holds {@code <= maxMetadataBytes};</li>
 *   <li>at most {@code maxEntries} entries are read.</li>
 * </ul>
 * The defaults fit every data set the project downloads with wide margins (the largest inflates about 3:1).
 *
 * @param maxTotalBytes     largest total of extracted bytes, {@code > 0}
 * @param maxInflationRatio largest ratio of extracted bytes to archive bytes, {@code >= 1}
 * @param ratioFloorBytes   extracted bytes below which the ratio is not checked, {@code >= 0}
 * @param maxMetadataBytes  largest tar long-name, long-link or PAX record, {@code > 0}
 * @param maxEntries        largest number of entries, {@code > 0}
 */
public record ExtractionLimits(long maxTotalBytes, double maxInflationRatio, long ratioFloorBytes,
                               int maxMetadataBytes, int maxEntries) {

    /** 64 GiB in total, ratio 200:1 above 16 MiB, 64 KiB of tar metadata per record, one million entries. */
    public static final ExtractionLimits DEFAULT = new ExtractionLimits(64L << 30, 200, 16L << 20, 64 << 10,
            1_000_000);

    /**
     * Checks the bounds.
     *
     * @param maxTotalBytes largest total of extracted bytes, {@code > 0}
     * @param maxInflationRatio largest ratio of extracted bytes to archive bytes, {@code >= 1}
     * @param ratioFloorBytes extracted bytes below which the ratio is not checked, {@code >= 0}
     * @param maxMetadataBytes largest tar long-name, long-link or PAX record, {@code > 0}
     * @param maxEntries largest number of entries, {@code > 0}
     * @throws IllegalArgumentException if a bound is out of its range
     */
    public ExtractionLimits {
        if (maxTotalBytes <= 0) {
            throw new IllegalArgumentException("ExtractionLimits: maxTotalBytes must be > 0, got " + maxTotalBytes);
        }
        if (!(maxInflationRatio >= 1) || Double.isInfinite(maxInflationRatio)) {
            throw new IllegalArgumentException("ExtractionLimits: maxInflationRatio must be finite and >= 1, got "
                    + maxInflationRatio);
        }
        if (ratioFloorBytes < 0) {
            throw new IllegalArgumentException("ExtractionLimits: ratioFloorBytes must be >= 0, got "
                    + ratioFloorBytes);
        }
        if (maxMetadataBytes <= 0) {
            throw new IllegalArgumentException("ExtractionLimits: maxMetadataBytes must be > 0, got "
                    + maxMetadataBytes);
        }
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("ExtractionLimits: maxEntries must be > 0, got " + maxEntries);
        }
    }
}

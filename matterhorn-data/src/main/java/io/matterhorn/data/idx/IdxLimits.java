package io.matterhorn.data.idx;

/**
 * Bounds that {@link IdxReader} checks on the header before it allocates, so a corrupt or hostile file never makes
 * it allocate more than the input really holds.
 *
 * <ul>
 *   <li>The data section the header declares must be {@code <= maxDataBytes}.</li>
 *   <li>A gzip-compressed input may inflate to at most {@code maxInflationRatio} times its compressed size once the
 *       data exceeds {@code ratioFloorBytes} (the MNIST files inflate about 5:1; a gzip "bomb" about 1000:1). For a
 *       file the check is made on the header against the file size; for a stream, against the compressed bytes
 *       read so far, while reading.</li>
 *   <li>An uncompressed file must hold the declared data (checked against the file size before allocating).</li>
 * </ul>
 *
 * @param maxDataBytes      largest data section, {@code 1 <= maxDataBytes <= Integer.MAX_VALUE - 8}
 * @param maxInflationRatio largest ratio of data bytes to compressed bytes, finite and {@code >= 1}
 * @param ratioFloorBytes   data size up to which the ratio is not checked, {@code >= 0}
 */
public record IdxLimits(long maxDataBytes, double maxInflationRatio, long ratioFloorBytes) {

    /** 1 GiB of data, inflation ratio 200:1 above 16 MiB. */
    public static final IdxLimits DEFAULT = new IdxLimits(IdxReader.MAX_DATA_BYTES, 200, 16L << 20);

    /**
     * Checks the bounds.
     *
     * @param maxDataBytes largest data section, {@code 1 <= maxDataBytes <= Integer.MAX_VALUE - 8}
     * @param maxInflationRatio largest ratio of data bytes to compressed bytes, finite and {@code >= 1}
     * @param ratioFloorBytes data size up to which the ratio is not checked, {@code >= 0}
     * @throws IllegalArgumentException if a bound is out of its range
     */
    public IdxLimits {
        if (maxDataBytes < 1 || maxDataBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("IdxLimits: maxDataBytes must be in [1, 2^31 - 9], got "
                    + maxDataBytes);
        }
        if (!(maxInflationRatio >= 1) || Double.isInfinite(maxInflationRatio)) {
            throw new IllegalArgumentException("IdxLimits: maxInflationRatio must be finite and >= 1, got "
                    + maxInflationRatio);
        }
        if (ratioFloorBytes < 0) {
            throw new IllegalArgumentException("IdxLimits: ratioFloorBytes must be >= 0, got " + ratioFloorBytes);
        }
    }

    /** Whether {@code dataBytes} inflated from {@code compressedBytes} stays within the ratio. */
    boolean ratioAllows(long dataBytes, long compressedBytes) {
        return dataBytes <= ratioFloorBytes || dataBytes <= maxInflationRatio * compressedBytes;
    }
}

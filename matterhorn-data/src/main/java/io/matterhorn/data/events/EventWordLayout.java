package io.matterhorn.data.events;

/**
 * Where {@code x}, {@code y} and the polarity sit in an AEDAT address word:
 * <pre>
 * x = (address &gt;&gt;&gt; xShift) &amp; xMask     y = (address &gt;&gt;&gt; yShift) &amp; yMask
 * p = ((address &gt;&gt;&gt; pShift) &amp; pMask) != 0 ? 1 : 0
 * </pre>
 * and which address bit, if any, marks a special (non-pixel) event that is skipped.
 *
 * @param xShift     right shift of the column field, {@code 0..63}
 * @param xMask      mask of the column field after the shift, {@code > 0}
 * @param yShift     right shift of the row field, {@code 0..63}
 * @param yMask      mask of the row field after the shift, {@code > 0}
 * @param pShift     right shift of the polarity field, {@code 0..63}
 * @param pMask      mask of the polarity field after the shift, {@code > 0}
 * @param specialBit the bit index that marks special events, or {@code -1} for none
 */
public record EventWordLayout(int xShift, long xMask, int yShift, long yMask, int pShift, long pMask,
                              int specialBit) {

    /** The DVS128 layout of jAER's AEDAT 2.0 files (CIFAR10-DVS): x bits 1-7, y bits 8-14, p bit 0, special 15. */
    public static final EventWordLayout DVS128 = new EventWordLayout(1, 0x7F, 8, 0x7F, 0, 1, 15);

    /**
     * The default of the original's {@code AEDAT} base class: x = (a &gt;&gt; 1) &amp; 0x7FF,
     * y = (a &gt;&gt; 16) &amp; 0x7FF, p = a &amp; 1, no special bit.
     */
    public static final EventWordLayout ORIGINAL_AEDAT = new EventWordLayout(1, 0x7FF, 16, 0x7FF, 0, 1, -1);

    /**
     * Validates the fields.
     *
     * @param xShift right shift of the column field, {@code 0..63}
     * @param xMask mask of the column field after the shift, {@code > 0}
     * @param yShift right shift of the row field, {@code 0..63}
     * @param yMask mask of the row field after the shift, {@code > 0}
     * @param pShift right shift of the polarity field, {@code 0..63}
     * @param pMask mask of the polarity field after the shift, {@code > 0}
     * @param specialBit the bit index that marks special events, or {@code -1} for none
     * @throws IllegalArgumentException if a shift is outside {@code 0..63}, a mask is not positive or the
     *                                  special bit is outside {@code -1..63}
     */
    public EventWordLayout {
        for (int s : new int[] {xShift, yShift, pShift}) {
            if (s < 0 || s > 63) {
                throw new IllegalArgumentException("EventWordLayout: shifts must be in 0..63, got " + s);
            }
        }
        if (xMask <= 0 || yMask <= 0 || pMask <= 0 || xMask > Integer.MAX_VALUE || yMask > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("EventWordLayout: masks must be positive (x, y at most 2^31 - 1), got "
                    + xMask + ", " + yMask + ", " + pMask);
        }
        if (specialBit < -1 || specialBit > 63) {
            throw new IllegalArgumentException("EventWordLayout: specialBit must be -1 or in 0..63, got "
                    + specialBit);
        }
    }
}

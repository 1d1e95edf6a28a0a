package io.matterhorn.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded byte-level mutations for the fuzz-style reader tests: each call applies one randomly chosen damage to a
 * copy of a valid file, the kinds a disk, a download or a hostile sender produce.
 */
public final class Mutations {

    private static final int[] EXTREMES = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30, 0x7FFF, 0xFFFF};

    private Mutations() {
    }

    /**
     * Returns a damaged copy of {@code valid}.
     *
     * @param valid  the original bytes (not changed)
     * @param random the seeded source of the choices
     * @return the mutated bytes
     */
    public static byte[] mutate(byte[] valid, SplittableRandom random) {
        byte[] b = valid.clone();
        int n = b.length;
        switch (random.nextInt(8)) {
            case 0 -> { // flip 1 to 4 bits
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    b[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
                }
                return b;
            }
            case 1 -> { // overwrite one byte
                b[random.nextInt(n)] = (byte) random.nextInt(256);
                return b;
            }
            case 2 -> { // write an extreme 32-bit value (big-endian or little-endian) at a random offset
                int at = random.nextInt(Math.max(1, n - 3));
                int v = EXTREMES[random.nextInt(EXTREMES.length)];
                boolean big = random.nextBoolean();
                for (int k = 0; k < 4 && at + k < n; k++) {
                    int shift = big ? 24 - 8 * k : 8 * k;
                    b[at + k] = (byte) (v >>> shift);
                }
                return b;
            }
            case 3 -> { // truncate
                return Arrays.copyOf(b, random.nextInt(n));
            }
            case 4 -> { // delete a range in the middle
                int from = random.nextInt(n);
                int len = 1 + random.nextInt(Math.max(1, Math.min(64, n - from)));
                byte[] out = new byte[n - len];
                System.arraycopy(b, 0, out, 0, from);
                System.arraycopy(b, from + len, out, from, n - from - len);
                return out;
            }
            case 5 -> { // insert random bytes
                int at = random.nextInt(n + 1);
                int len = 1 + random.nextInt(16);
                byte[] out = new byte[n + len];
                System.arraycopy(b, 0, out, 0, at);
                for (int k = 0; k < len; k++) {
                    out[at + k] = (byte) random.nextInt(256);
                }
                System.arraycopy(b, at, out, at + len, n - at);
                return out;
            }
            case 6 -> { // zero a range
                int from = random.nextInt(n);
                Arrays.fill(b, from, Math.min(n, from + 1 + random.nextInt(32)), (byte) 0);
                return b;
            }
            default -> { // copy one range over another
                int len = 1 + random.nextInt(Math.max(1, Math.min(32, n / 2)));
                int src = random.nextInt(Math.max(1, n - len));
                int dst = random.nextInt(Math.max(1, n - len));
                System.arraycopy(valid, src, b, dst, Math.min(len, n - Math.max(src, dst)));
                return b;
            }
        }
    }
}

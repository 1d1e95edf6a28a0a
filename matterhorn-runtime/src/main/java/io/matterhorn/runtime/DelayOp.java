package io.matterhorn.runtime;

/**
 * NIR's {@code Delay}: {@code y[t][j] = x[t - d_j][j]} per element, an integer delay {@code d_j >= 0} steps per
 * element, zeros before the stream's first step. State: the write position, then a ring of the last
 * {@code max(d) + 1} inputs ({@code [max(d) + 1, N]}, row {@code p} written at the step whose position is p). An
 * output that holds only 0 and 1 has its ones indexed. Immutable.
 */
final class DelayOp extends Op {
    private final int[] delays;
    private final int length;

    /**
     * @param label for messages
     * @param delays per element, its delay in steps (each in [0, 2^24 - 1)); the array fixes N
     */
    DelayOp(String label, int[] delays) {
        super(label, delays.length, delays.length);
        int max = 0;
        for (int d : delays) {
            if (d < 0 || d >= (1 << 24) - 1) {
                throw new IllegalArgumentException(label + ": delay of " + d + " steps is out of [0, 2^24 - 1)");
            }
            max = Math.max(max, d);
        }
        this.delays = delays.clone();
        this.length = max + 1;
        if (1 + (long) length * delays.length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(label + ": a delay of " + max + " steps for " + delays.length
                    + " elements does not fit one state array");
        }
    }

    /** @return the ring's rows, {@code max(d) + 1} */
    int ringLength() {
        return length;
    }

    @Override
    int stateSize() {
        return 1 + length * outSize;
    }

    @Override
    void rest(float[] state, int off) {
        java.util.Arrays.fill(state, off, off + stateSize(), 0f);
    }

    @Override
    void step(Signal in, float[] state, int off, Signal out, StreamRandom random) {
        int n = outSize;
        int p = (int) state[off];
        if (p < 0 || p >= length) {
            throw new IllegalStateException(label + ": corrupt ring position " + state[off]);
        }
        int ring = off + 1;
        System.arraycopy(in.values, 0, state, ring + p * n, n);
        float[] y = out.values;
        boolean binary = true;
        for (int j = 0; j < n; j++) {
            int row = p - delays[j];
            if (row < 0) {
                row += length;
            }
            float v = state[ring + row * n + j];
            y[j] = v;
            if (v != 0f && v != 1f) {
                binary = false;
            }
        }
        state[off] = p + 1 == length ? 0f : p + 1;
        if (binary) {
            out.indexOnes();
        } else {
            out.binary = false;
        }
    }
}

package io.matterhorn.runtime;

/**
 * The values passed from one compiled operation to the next within one step of one stream: dense values, and for
 * binary (spike) values also the indices of the ones, so that event-driven synapses touch only those. Owned by a
 * {@link StreamState}; reused every step. Not thread-safe.
 */
final class Signal {
    /** Values [size]. */
    final float[] values;
    /** Indices of the ones, in ascending order, valid when {@link #binary}; capacity [size]. */
    final int[] active;
    /** Number of valid entries of {@link #active}. */
    int count;
    /** Whether the values are 0/1 and {@link #active} lists the ones. */
    boolean binary;

    Signal(int size) {
        values = new float[size];
        active = new int[size];
    }

    int size() {
        return values.length;
    }

    /** Marks the values binary and lists their ones (the values must be 0/1). */
    void indexOnes() {
        int c = 0;
        float[] v = values;
        int[] a = active;
        for (int j = 0; j < v.length; j++) {
            if (v[j] != 0f) {
                a[c++] = j;
            }
        }
        count = c;
        binary = true;
    }

    /** Copies another signal of the same size. */
    void copyFrom(Signal s) {
        System.arraycopy(s.values, 0, values, 0, values.length);
        binary = s.binary;
        count = s.count;
        if (s.binary) {
            System.arraycopy(s.active, 0, active, 0, s.count);
        }
    }
}

package io.matterhorn.data.events;

/**
 * Stable ordering of events by timestamp.
 *
 * <p>The original sorts with NumPy's default (unstable) {@code argsort}; this port uses a stable merge sort, so
 * events with equal timestamps keep their file order and the result is fully determined by the input.
 */
final class TimeOrder {

    private TimeOrder() {
    }

    /**
     * Returns the permutation that sorts {@code t} stably in ascending order.
     *
     * @param t timestamps
     * @return {@code perm} such that {@code t[perm[0]] <= t[perm[1]] <= ...}, ties in index order
     */
    static int[] stablePermutation(long[] t) {
        int n = t.length;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                merge(t, a, b, lo, mid, hi);
            }
            int[] swap = a;
            a = b;
            b = swap;
        }
        return a;
    }

    private static void merge(long[] t, int[] src, int[] dst, int lo, int mid, int hi) {
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (i < mid && (j >= hi || t[src[i]] <= t[src[j]])) {
                dst[k] = src[i++];
            } else {
                dst[k] = src[j++];
            }
        }
    }

    /** Tells whether {@code t} never decreases. */
    static boolean isSorted(long[] t, int n) {
        for (int i = 1; i < n; i++) {
            if (t[i] < t[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Checks a subsampling step. */
    static void checkSampling(int sampling) {
        if (sampling < 1) {
            throw new IllegalArgumentException("sampling must be >= 1 (keep every n-th event), got " + sampling);
        }
    }

    /** Number of events kept by {@code everyNth(k)} from {@code n}: indices 0, k, 2k, ... */
    static int keptBySampling(int n, int k) {
        return n == 0 ? 0 : (n - 1) / k + 1;
    }
}

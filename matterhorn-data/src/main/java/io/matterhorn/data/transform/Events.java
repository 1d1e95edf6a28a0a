package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.UnitEvents;
import java.util.random.RandomGenerator;

/** Array helpers shared by the transforms: filtering by a mask and the random draws of dropping and jitter. */
final class Events {

    private Events() {
    }

    /** Keeps the events whose {@code keep} entry is true, in order. */
    static PolarityEvents keep(PolarityEvents e, boolean[] keep) {
        int m = count(keep);
        if (m == e.size()) {
            return e;
        }
        long[] t = new long[m];
        int[] x = new int[m];
        int[] y = new int[m];
        int[] p = new int[m];
        for (int i = 0, j = 0; i < keep.length; i++) {
            if (keep[i]) {
                t[j] = e.time(i);
                x[j] = e.x(i);
                y[j] = e.y(i);
                p[j] = e.polarity(i);
                j++;
            }
        }
        return PolarityEvents.of(t, x, y, p);
    }

    /** Keeps the spikes whose {@code keep} entry is true, in order. */
    static UnitEvents keep(UnitEvents e, boolean[] keep) {
        int m = count(keep);
        if (m == e.size()) {
            return e;
        }
        long[] t = new long[m];
        int[] u = new int[m];
        for (int i = 0, j = 0; i < keep.length; i++) {
            if (keep[i]) {
                t[j] = e.time(i);
                u[j] = e.unit(i);
                j++;
            }
        }
        return UnitEvents.of(t, u);
    }

    private static int count(boolean[] keep) {
        int m = 0;
        for (boolean k : keep) {
            if (k) {
                m++;
            }
        }
        return m;
    }

    /**
     * Chooses {@code k = floor(probability * n + 0.5)} of {@code n} events uniformly without replacement (a partial
     * Fisher-Yates shuffle: for {@code i < k}, swap position {@code i} with {@code i + nextInt(n - i)}) and returns
     * the mask of the others.
     */
    static boolean[] dropMask(int n, double probability, RandomGenerator random) {
        int k = (int) Math.floor(probability * n + 0.5);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        boolean[] keep = new boolean[n];
        java.util.Arrays.fill(keep, true);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
            keep[order[i]] = false;
        }
        return keep;
    }

    /** {@code t_i + round(std * g_i)} with one standard normal draw {@code g_i} per event, in order. */
    static long[] jitter(long[] t, double std, RandomGenerator random) {
        long[] out = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = t[i] + Math.round(std * random.nextGaussian());
        }
        return out;
    }

    /** Checks a probability argument. */
    static double probability(String owner, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(owner + ": probability must be in [0, 1], got " + p);
        }
        return p;
    }

    /** Checks that the events lie on the stated grid, naming the transform. */
    static void requireInside(String owner, PolarityEvents e, SensorSize sensor) {
        for (int i = 0; i < e.size(); i++) {
            if (e.x(i) >= sensor.width() || e.y(i) >= sensor.height()) {
                throw new IllegalArgumentException(owner + ": event " + i + " at (x=" + e.x(i) + ", y=" + e.y(i)
                        + ") lies outside the sensor " + sensor.width() + "x" + sensor.height());
            }
        }
    }
}

package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import java.util.ArrayList;
import java.util.List;

/** Compact event literals for the tests: rows of {t, x, y, p}. */
final class Ev {

    private Ev() {
    }

    static PolarityEvents of(long[]... rows) {
        int n = rows.length;
        long[] t = new long[n];
        int[] x = new int[n];
        int[] y = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rows[i][0];
            x[i] = (int) rows[i][1];
            y[i] = (int) rows[i][2];
            p[i] = (int) rows[i][3];
        }
        return PolarityEvents.of(t, x, y, p);
    }

    static long[] e(long t, long x, long y, long p) {
        return new long[] {t, x, y, p};
    }

    static List<List<Long>> rows(PolarityEvents events) {
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            out.add(List.of(events.time(i), (long) events.x(i), (long) events.y(i), (long) events.polarity(i)));
        }
        return out;
    }
}

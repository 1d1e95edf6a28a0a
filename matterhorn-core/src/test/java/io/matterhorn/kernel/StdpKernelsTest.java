package io.matterhorn.kernel;

import io.matterhorn.kernel.jvm.JavaStdpKernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Java STDP trace form against the literal all-pairs double sum of the STDP rule (with W(0) = 0), to 1e-12
 * relative: the kernel sums in double like the literal sum, only in another order.
 */
class StdpKernelsTest {

    /**
     * The rule as written: all pairs of non-zero spikes, in double.
     *
     * @param in [T, B, nIn]
     * @param out [T, B, nOut]
     * @return dW [nOut, nIn]
     */
    static double[] literal(float[] in, float[] out, int steps, int batch, int nIn, int nOut, double aPos,
            double tauPos, double aNeg, double tauNeg) {
        double[] dw = new double[nOut * nIn];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < nOut; o++) {
                for (int i = 0; i < nIn; i++) {
                    double s = 0;
                    for (int to = 0; to < steps; to++) {
                        if (out[(to * batch + b) * nOut + o] == 0) {
                            continue;
                        }
                        for (int ti = 0; ti < steps; ti++) {
                            if (in[(ti * batch + b) * nIn + i] == 0) {
                                continue;
                            }
                            int d = to - ti;
                            s += d > 0 ? aPos * Math.exp(-d / tauPos) : d < 0 ? -aNeg * Math.exp(d / tauNeg) : 0;
                        }
                    }
                    dw[o * nIn + i] += s;
                }
            }
        }
        return dw;
    }

    /**
     * Random train with about {@code rate} non-zero entries, some of them 2 or -1 (they count as spikes).
     *
     * @return the train
     */
    static float[] train(Random rnd, int n, double rate) {
        float[] a = new float[n];
        for (int k = 0; k < n; k++) {
            double r = rnd.nextDouble();
            a[k] = r < rate * 0.8 ? 1f : r < rate * 0.9 ? 2f : r < rate ? -1f : 0f;
        }
        return a;
    }

    @Test
    void traceFormEqualsTheLiteralSum() {
        Random rnd = new Random(11);
        StdpKernels k = new JavaStdpKernels();
        int[][] shapes = {{1, 1, 1, 1}, {5, 1, 4, 3}, {7, 3, 9, 5}, {12, 2, 33, 17}};
        for (int[] s : shapes) {
            float[] in = train(rnd, s[0] * s[1] * s[2], 0.3);
            float[] out = train(rnd, s[0] * s[1] * s[3], 0.3);
            double[] dw = k.deltaWeight(in, out, s[0], s[1], s[2], s[3], 0.05, 2.0, 0.04, 3.0, null, null);
            double[] ref = literal(in, out, s[0], s[1], s[2], s[3], 0.05, 2.0, 0.04, 3.0);
            for (int j = 0; j < ref.length; j++) {
                assertEquals(ref[j], dw[j], 1e-12 * Math.max(1, Math.abs(ref[j])), "dW[" + j + "]");
            }
        }
    }

    @Test
    void goldenPairsFollowTheWindow() {
        // one input spike at t=1, output spikes at t=0 (depression), t=1 (W(0)=0) and t=3 (potentiation)
        float[] in = {0, 1, 0, 0};
        float[] out = {1, 1, 0, 1};
        double[] dw = new JavaStdpKernels().deltaWeight(in, out, 4, 1, 1, 1, 0.5, 2.0, 0.25, 4.0, null, null);
        double expected = 0.5 * Math.exp(-2 / 2.0) - 0.25 * Math.exp(-1 / 4.0);
        assertEquals(expected, dw[0], 1e-15);
    }

    @Test
    void badArgumentsAreRejected() {
        StdpKernels k = new JavaStdpKernels();
        assertThrows(IllegalArgumentException.class,
                () -> k.deltaWeight(new float[3], new float[4], 2, 1, 2, 2, 1, 1, 1, 1, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> k.deltaWeight(new float[4], new float[4], -1, 1, 2, 2, 1, 1, 1, 1, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> k.deltaWeight(new float[4], new float[4], 2, 1, 2, 2, 1, 0, 1, 1, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> k.deltaWeight(new float[] {0, Float.NaN, 0, 0}, new float[4], 2, 1, 2, 2, 1, 1, 1, 1, null,
                        null));
        assertThrows(IllegalArgumentException.class,
                () -> k.deltaWeight(new float[4], new float[4], 2, 1, 2, 2, 1, 1, 1, 1, new double[3], null));
    }
}

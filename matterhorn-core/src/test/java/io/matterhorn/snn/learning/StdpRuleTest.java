package io.matterhorn.snn.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The functional STDP rule: window, trace form against the literal double sum, chunking, shapes and errors. */
class StdpRuleTest {
    private static final StdpWindow[] WINDOWS = {
        StdpWindow.DEFAULT,
        new StdpWindow(0.1, 1.5, 0.03, 4.0),
        new StdpWindow(-0.02, 0.7, 0.08, 10.0),
        new StdpWindow(0.05, 100.0, 0.2, 0.3),
    };

    /** All T^2 time pairs with the window evaluated directly: the rule exactly as 1.0.1 states it. */
    private static double[] bruteForce(StdpWindow w, float[] in, float[] out, int steps, int batch, int nIn,
            int nOut) {
        double[] dw = new double[nOut * nIn];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < nOut; i++) {
                for (int j = 0; j < nIn; j++) {
                    for (int to = 0; to < steps; to++) {
                        if (out[(to * batch + b) * nOut + i] == 0f) {
                            continue;
                        }
                        for (int ti = 0; ti < steps; ti++) {
                            if (in[(ti * batch + b) * nIn + j] == 0f) {
                                continue;
                            }
                            int d = to - ti;
                            dw[i * nIn + j] += d > 0 ? w.aPos() * Math.exp(-d / w.tauPos())
                                    : d < 0 ? -w.aNeg() * Math.exp(d / w.tauNeg()) : 0.0;
                        }
                    }
                }
            }
        }
        return dw;
    }

    private static float[] train(Random r, int n, double density) {
        float[] s = new float[n];
        for (int k = 0; k < n; k++) {
            if (r.nextDouble() < density) {
                // Any non-zero value is a spike; include counts and negative values.
                s[k] = r.nextInt(4) == 0 ? (r.nextBoolean() ? 2f : -0.5f) : 1f;
            }
        }
        return s;
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int k = 0; k < expected.length; k++) {
            double tol = 1e-9 * Math.max(1.0, Math.abs(expected[k]));
            assertTrue(Math.abs(expected[k] - actual[k]) <= tol, what + " [" + k + "]: expected " + expected[k]
                    + ", got " + actual[k]);
        }
    }

    @Test
    void windowFollowsTheDocumentedRule() {
        StdpWindow w = new StdpWindow(0.3, 2.0, 0.2, 4.0);
        assertEquals(0.0, w.value(0));
        assertEquals(0.3 * Math.exp(-0.5), w.value(1), 1e-15);
        assertEquals(-0.2 * Math.exp(-0.25), w.value(-1), 1e-15);
        assertEquals(0.3 * Math.exp(-3.0), w.value(6), 1e-15);
        assertEquals(-0.2 * Math.exp(-1.5), w.value(-6), 1e-15);
    }

    @Test
    void traceFormEqualsLiteralDoubleSumOnRandomTrains() {
        Random r = new Random(42);
        int nIn = 5;
        int nOut = 4;
        int cases = 0;
        for (StdpWindow w : WINDOWS) {
            for (int steps : new int[] {1, 2, 7, 64}) {
                for (int batch : new int[] {1, 3}) {
                    for (double density : new double[] {0.0, 0.1, 0.5, 1.0}) {
                        float[] in = train(r, steps * batch * nIn, density);
                        float[] out = train(r, steps * batch * nOut, 1.0 - density / 2);
                        String what = w + " T=" + steps + " B=" + batch + " density=" + density;
                        double[] expected = bruteForce(w, in, out, steps, batch, nIn, nOut);
                        assertClose(expected, Stdp.deltaWeight(w, in, out, steps, batch, nIn, nOut), what);
                        assertClose(expected, Stdp.directDoubleSum(w, in, out, steps, batch, nIn, nOut),
                                what + " (direct)");
                        cases++;
                    }
                }
            }
        }
        assertEquals(128, cases);
    }

    @Test
    void simultaneousSpikesContributeNothing() {
        // Identical input and output trains: every neuron pair fires together at some steps.
        Random r = new Random(7);
        int steps = 64;
        int n = 6;
        float[] s = train(r, steps * 2 * n, 0.4);
        for (StdpWindow w : WINDOWS) {
            double[] expected = bruteForce(w, s, s, steps, 2, n, n);
            assertClose(expected, Stdp.deltaWeight(w, s, s, steps, 2, n, n), "identical trains " + w);
        }
        // A single pair at the same step: no change at all.
        float[] one = {1f};
        assertArrayEquals(new double[] {0.0}, Stdp.deltaWeight(StdpWindow.DEFAULT, one, one, 1, 1, 1, 1));
        // Silent trains: no change.
        assertArrayEquals(new double[4], Stdp.deltaWeight(StdpWindow.DEFAULT, new float[10], new float[10], 5, 1,
                2, 2));
    }

    @Test
    void goldenExampleOfTheSpec() {
        // 1.0.1's reference example: inputs [1,0],[0,1],[1,1],[0,0]; output spikes [1,0],[0,0],[1,1],[0,0]; A = 0.05,
        // tau = 2.
        INDArray in = Nd4j.create(new float[] {1, 0, 0, 1, 1, 1, 0, 0}, new long[] {4, 1, 2}, 'c');
        INDArray out = Nd4j.create(new float[] {1, 0, 0, 0, 1, 1, 0, 0}, new long[] {4, 1, 2}, 'c');
        INDArray dw = Stdp.deltaWeight(StdpWindow.DEFAULT, in, out);
        assertEquals(DataType.FLOAT, dw.dataType());
        assertArrayEquals(new long[] {2, 2}, dw.shape());
        float[] expected = {0f, -0.0183940f, 0.0183940f, 0.0303266f};
        assertArrayEquals(expected, dw.dup('c').data().asFloat(), 1e-6f);
        assertArrayEquals(expected, Stdp.directDoubleSum(StdpWindow.DEFAULT, in, out).dup('c').data().asFloat(),
                1e-6f);
        // Two identical samples: the contributions add up.
        INDArray in2 = Nd4j.concat(1, in, in);
        INDArray out2 = Nd4j.concat(1, out, out);
        assertArrayEquals(new float[] {0f, -0.0367879f, 0.0367879f, 0.0606531f},
                Stdp.deltaWeight(StdpWindow.DEFAULT, in2, out2).dup('c').data().asFloat(), 1e-6f);
        // The [T, n] form is one sample.
        assertEquals(dw, Stdp.deltaWeight(StdpWindow.DEFAULT, in.reshape(4, 2), out.reshape(4, 2)));
    }

    @Test
    void chunksWithCarriedTracesAddUpToTheWholeStream() {
        Random r = new Random(3);
        StdpWindow w = new StdpWindow(0.1, 1.5, 0.07, 3.0);
        int steps = 20;
        int batch = 2;
        int nIn = 7;
        int nOut = 3;
        float[] in = train(r, steps * batch * nIn, 0.3);
        float[] out = train(r, steps * batch * nOut, 0.3);
        double[] whole = Stdp.deltaWeight(w, in, out, steps, batch, nIn, nOut);
        double[] pre = new double[batch * nIn];
        double[] post = new double[batch * nOut];
        double[] sum = new double[nOut * nIn];
        int t0 = 0;
        for (int len : new int[] {7, 5, 1, 7}) {
            float[] ci = Arrays.copyOfRange(in, t0 * batch * nIn, (t0 + len) * batch * nIn);
            float[] co = Arrays.copyOfRange(out, t0 * batch * nOut, (t0 + len) * batch * nOut);
            double[] d = Stdp.deltaWeight(w, ci, co, len, batch, nIn, nOut, pre, post);
            for (int k = 0; k < sum.length; k++) {
                sum[k] += d[k];
            }
            t0 += len;
        }
        assertEquals(steps, t0);
        assertClose(whole, sum, "chunked");
    }

    @Test
    void wideLayersSplitOverThreadsGiveTheSameNumbers() {
        // in = 300 is cut into several column ranges when more than one thread is available.
        Random r = new Random(11);
        StdpWindow w = new StdpWindow(0.04, 2.5, 0.06, 1.5);
        int steps = 16;
        int batch = 3;
        int nIn = 300;
        int nOut = 20;
        float[] in = train(r, steps * batch * nIn, 0.15);
        float[] out = train(r, steps * batch * nOut, 0.2);
        double[] expected = Stdp.directDoubleSum(w, in, out, steps, batch, nIn, nOut);
        assertClose(expected, Stdp.deltaWeight(w, in, out, steps, batch, nIn, nOut), "wide");
        double[] pre = new double[batch * nIn];
        double[] post = new double[batch * nOut];
        double[] sum = new double[nOut * nIn];
        for (int t0 = 0; t0 < steps; t0 += 4) {
            double[] d = Stdp.deltaWeight(w, Arrays.copyOfRange(in, t0 * batch * nIn, (t0 + 4) * batch * nIn),
                    Arrays.copyOfRange(out, t0 * batch * nOut, (t0 + 4) * batch * nOut), 4, batch, nIn, nOut, pre,
                    post);
            for (int k = 0; k < sum.length; k++) {
                sum[k] += d[k];
            }
        }
        assertClose(expected, sum, "wide, in chunks of 4 steps");
    }

    @Test
    void float64TrainsGiveFloat64AndTinySpikesCount() {
        INDArray in = Nd4j.create(new double[] {1e-60, 0, 0, 0}, new long[] {2, 2}, 'c');
        INDArray out = Nd4j.create(new double[] {0, 0, 1, 0}, new long[] {2, 2}, 'c');
        INDArray dw = Stdp.deltaWeight(StdpWindow.DEFAULT, in, out);
        assertEquals(DataType.DOUBLE, dw.dataType());
        assertEquals(0.05 * Math.exp(-0.5), dw.getDouble(0, 0), 1e-15);
        assertEquals(0.0, dw.getDouble(1, 0));
    }

    @Test
    void badArgumentsFailWithClearMessages() {
        IllegalArgumentException tau = assertThrows(IllegalArgumentException.class,
                () -> new StdpWindow(0.05, 0.0, 0.05, 2.0));
        assertTrue(tau.getMessage().contains("tau+"), tau.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StdpWindow(0.05, 2.0, 0.05, -1.0));
        assertThrows(IllegalArgumentException.class, () -> new StdpWindow(Double.NaN, 2.0, 0.05, 2.0));
        assertThrows(IllegalArgumentException.class, () -> new StdpWindow(0.05, Double.POSITIVE_INFINITY, 0.05, 2));

        INDArray in = Nd4j.zeros(DataType.FLOAT, 4, 2, 3);
        IllegalArgumentException steps = assertThrows(IllegalArgumentException.class,
                () -> Stdp.deltaWeight(StdpWindow.DEFAULT, in, Nd4j.zeros(DataType.FLOAT, 5, 2, 3)));
        assertTrue(steps.getMessage().contains("[4, 2, 3]") && steps.getMessage().contains("[5, 2, 3]"),
                steps.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Stdp.deltaWeight(StdpWindow.DEFAULT, in, Nd4j.zeros(DataType.FLOAT, 4, 3, 3)));
        assertThrows(IllegalArgumentException.class,
                () -> Stdp.deltaWeight(StdpWindow.DEFAULT, in, Nd4j.zeros(DataType.FLOAT, 4, 3)));
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> Stdp.deltaWeight(StdpWindow.DEFAULT, new float[5], new float[4], 2, 1, 3, 2));
        assertTrue(flat.getMessage().contains("[T, B, in] = [2, 1, 3]"), flat.getMessage());
        float[] nan = new float[6];
        nan[4] = Float.NaN;
        IllegalArgumentException nanError = assertThrows(IllegalArgumentException.class,
                () -> Stdp.deltaWeight(StdpWindow.DEFAULT, nan, new float[4], 2, 1, 3, 2));
        assertTrue(nanError.getMessage().contains("NaN"), nanError.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Stdp.deltaWeight(StdpWindow.DEFAULT, new float[6], new float[4], 2, 1, 3, 2, new double[2],
                        null));
        assertThrows(IllegalArgumentException.class,
                () -> Stdp.deltaWeight(StdpWindow.DEFAULT, new float[0], new float[0], 0, 1, 3, 2));
    }
}

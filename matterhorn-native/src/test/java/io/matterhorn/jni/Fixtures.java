package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.snn.surrogate.Surrogate;
import java.util.Random;

/** Random inputs and tolerant comparisons shared by the parity tests. */
final class Fixtures {
    /** Relative tolerance of the parity checks. */
    static final double REL = 1e-5;

    private Fixtures() {
    }

    /** @return parameters for a kind that keep every response bounded on inputs from {@link #input} */
    /**
     * @param id native surrogate id: 0 Rectangular, 1 Polynomial, 2 Sigmoid, 3 Gaussian
     * @param a shape parameter
     * @return the built-in surrogate with that id
     */
    static Surrogate surrogate(int id, double a) {
        return Surrogate.byName(new String[] {"Rectangular", "Polynomial", "Sigmoid", "Gaussian"}[id], a);
    }

    static float[] params(NeuronKind k, Random rnd) {
        switch (k) {
            case IF:
                return new float[0];
            case LIF:
                return new float[] {1.5f + 2 * rnd.nextFloat()};
            case QIF:
                return new float[] {2f + rnd.nextFloat(), 0.5f + 0.5f * rnd.nextFloat(), 0.8f};
            default:
                return new float[] {2f + rnd.nextFloat(), 0.5f + 0.5f * rnd.nextFloat(), 0.9f + 0.2f * rnd.nextFloat()};
        }
    }

    /** @return n values in [-0.5, 1.5) (many spikes, many potentials inside the surrogate windows) */
    static float[] input(Random rnd, int n) {
        return input(NeuronKind.LIF, rnd, n);
    }

    /**
     * @return n inputs for a kind: [-0.5, 1.5), or [0, 1.5) for QIF, whose potential runs away below u_rest (the
     *     1.0.1 sign makes u_rest an unstable fixed point)
     */
    static float[] input(NeuronKind k, Random rnd, int n) {
        float lo = k == NeuronKind.QIF ? 0f : -0.5f;
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = lo + (1.5f - lo) * rnd.nextFloat();
        }
        return a;
    }

    /** @return n values in [-1, 1) */
    static float[] signed(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = -1 + 2 * rnd.nextFloat();
        }
        return a;
    }

    /** Asserts |a - e| &lt;= REL * max(1, |e|) elementwise over the first n values. */
    static void close(String what, float[] expected, float[] actual, int n) {
        for (int i = 0; i < n; i++) {
            double e = expected[i];
            double a = actual[i];
            if (a != e && !(Math.abs(a - e) <= REL * Math.max(1, Math.abs(e)))) {
                fail(what + "[" + i + "]: expected " + e + " but got " + a);
            }
        }
    }

    /** Asserts equality of doubles up to REL relative to max(1e-3, |e|). */
    static void close(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], REL * Math.max(1e-3, Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    /** Asserts exact equality (spikes are 0 or 1). */
    static void same(String what, float[] expected, float[] actual, int n) {
        for (int i = 0; i < n; i++) {
            if (Float.compare(expected[i], actual[i]) != 0) {
                fail(what + "[" + i + "]: expected " + expected[i] + " but got " + actual[i]);
            }
        }
    }
}

package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.matterhorn.kernel.jvm.JavaStdpKernels;
import io.matterhorn.kernel.StdpKernels;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Native STDP against the Java trace form (bit for bit) and the literal all-pairs double sum. */
class NativeStdpTest {

    @BeforeEach
    void needNative() {
        NativeTestSupport.requireNative();
    }

    @Test
    void matchesJavaExactlyAndTheLiteralSum() {
        check(new NativeKernelProvider().stdpKernels(), 21);
    }

    @Test
    void theNativeCodeActuallyRuns() {
        long before = NativeBridge.callCount(NativeBridge.CPU);
        new NativeKernelProvider().stdpKernels().deltaWeight(new float[8], new float[8], 4, 1, 2, 2, 1, 2, 1, 2, null,
                null);
        assertEquals(before + 1, NativeBridge.callCount(NativeBridge.CPU));
    }

    /**
     * @param k STDP kernels under test
     * @param seed random seed
     */
    static void check(StdpKernels k, long seed) {
        Random rnd = new Random(seed);
        StdpKernels java = new JavaStdpKernels();
        int[][] shapes = {{1, 1, 1, 1}, {4, 1, 3, 2}, {9, 3, 17, 5}, {16, 4, 70, 33}, {3, 2, 0, 4}};
        for (int[] s : shapes) {
            float[] in = train(rnd, s[0] * s[1] * s[2]);
            float[] out = train(rnd, s[0] * s[1] * s[3]);
            double aPos = 0.01 + rnd.nextDouble() * 0.1;
            double tauPos = 1 + rnd.nextDouble() * 3;
            double aNeg = 0.01 + rnd.nextDouble() * 0.1;
            double tauNeg = 1 + rnd.nextDouble() * 3;
            double[] ref = java.deltaWeight(in, out, s[0], s[1], s[2], s[3], aPos, tauPos, aNeg, tauNeg, null, null);
            double[] got = k.deltaWeight(in, out, s[0], s[1], s[2], s[3], aPos, tauPos, aNeg, tauNeg, null, null);
            assertAgree(ref, got, "no carry");
            double[] lit = literal(in, out, s[0], s[1], s[2], s[3], aPos, tauPos, aNeg, tauNeg);
            assertAgree(lit, got, "vs literal sum");
            double[] pre = carry(rnd, s[1] * s[2]);
            double[] post = carry(rnd, s[1] * s[3]);
            double[] refC = java.deltaWeight(in, out, s[0], s[1], s[2], s[3], aPos, tauPos, aNeg, tauNeg, pre, post);
            double[] gotC = k.deltaWeight(in, out, s[0], s[1], s[2], s[3], aPos, tauPos, aNeg, tauNeg, pre, post);
            assertAgree(refC, gotC, "carried traces");
        }
    }

    /** Backends agree to StdpKernels.AGREEMENT relative to the largest |dW| (or 1): double sums, other orders. */
    private static void assertAgree(double[] ref, double[] got, String what) {
        double scale = 1;
        for (double v : ref) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertEquals(ref.length, got.length, what);
        for (int j = 0; j < ref.length; j++) {
            assertEquals(ref[j], got[j], StdpKernels.AGREEMENT * scale, what + ": dW[" + j + "]");
        }
    }

    private static double[] carry(Random rnd, int n) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = rnd.nextDouble() < 0.5 ? 0 : rnd.nextDouble() * 2;
        }
        return c;
    }

    private static float[] train(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            double r = rnd.nextDouble();
            a[i] = r < 0.25 ? 1f : r < 0.28 ? 3f : 0f;
        }
        return a;
    }

    /** The STDP rule as written (W(0) = 0), in double. */
    private static double[] literal(float[] in, float[] out, int steps, int batch, int nIn, int nOut, double aPos,
            double tauPos, double aNeg, double tauNeg) {
        double[] dw = new double[nOut * nIn];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < nOut; o++) {
                for (int i = 0; i < nIn; i++) {
                    for (int to = 0; to < steps; to++) {
                        for (int ti = 0; ti < steps; ti++) {
                            if (out[(to * batch + b) * nOut + o] != 0 && in[(ti * batch + b) * nIn + i] != 0) {
                                int d = to - ti;
                                dw[o * nIn + i] += d > 0 ? aPos * Math.exp(-d / tauPos)
                                        : d < 0 ? -aNeg * Math.exp(d / tauNeg) : 0;
                            }
                        }
                    }
                }
            }
        }
        return dw;
    }
}

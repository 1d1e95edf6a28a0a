package io.matterhorn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.matterhorn.tensor.Tensor;
import org.nd4j.linalg.factory.Nd4j;

/** Shared fixtures of the optimiser tests: a small parameter and a fixed gradient sequence. */
final class OptimizerTestSupport {
    static final double[] INITIAL = {0.5, -1.25, 2.0, 0.0};
    static final double[][] GRADS = {
        {0.1, -0.2, 0.3, 0.05},
        {-0.4, 0.1, 0.25, 0.0},
        {0.2, 0.2, -0.6, 1.0},
        {0.05, -0.3, 0.1, -0.5},
        {1.5, 0.0, -0.05, 0.2},
    };

    private OptimizerTestSupport() {
    }

    static Tensor parameter() {
        float[] v = new float[INITIAL.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) INITIAL[i];
        }
        return Tensor.parameter(Nd4j.create(v, new long[] {v.length}, 'c'), true);
    }

    /** Replaces the parameter's gradient with {@code g}, as a backward pass after zeroGrad would. */
    static void setGrad(Optimizer opt, Tensor p, double[] g) {
        opt.zeroGrad();
        float[] f = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            f[i] = (float) g[i];
        }
        p.accumulateGrad(Nd4j.create(f, new long[] {f.length}, 'c'));
    }

    static void assertClose(double[] expected, Tensor p, String label) {
        float[] actual = p.toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-6 * Math.max(1, Math.abs(expected[i])), label + " element " + i);
        }
    }
}

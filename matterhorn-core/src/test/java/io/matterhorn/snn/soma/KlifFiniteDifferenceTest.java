package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.container.Temporal;
import io.matterhorn.tensor.GradientCheck;
import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * KLIF has no surrogate: its analog reset {@code o = ReLU(k (u - u_th))} is differentiable almost everywhere, so
 * the fused kernel's gradients (input, tau_m, k, through the partial reset) must equal float64 central differences
 * of an independent double-precision simulation, away from the ReLU kinks.
 */
class KlifFiniteDifferenceTest {
    private static final int T = 6;
    private static final int N = 5;
    private static final double EPS = 1e-6;

    /** Loss sum_t sum_n y[t][n] w[t][n] of a KLIF simulated in double. */
    private static double loss(double[] x, double[] w, double tau, double k, double uTh, double uRest, boolean hard) {
        double sum = 0;
        for (int n = 0; n < N; n++) {
            double h = uRest;
            for (int t = 0; t < T; t++) {
                double u = h + (-(h - uRest) + x[t * N + n]) / tau;
                double o = Math.max(0, k * (u - uTh));
                double y = Math.max(0, k * (u - uRest));
                sum += y * w[t * N + n];
                h = hard ? u * (1 - o) + uRest * o : u - (uTh - uRest) * o;
            }
        }
        return sum;
    }

    private static void check(boolean hard) {
        double tau = 1.7;
        double k = 0.45;
        double uTh = 1.0;
        double uRest = 0.1;
        Nd4j.getRandom().setSeed(hard ? 5 : 6);
        INDArray xv = Nd4j.rand(DataType.FLOAT, T, 1, N).muli(3f).subi(0.5f);
        double[] x = xv.dup('c').data().asDouble();
        double[] w = GradientCheck.randomWeights(new long[] {T, 1, N}, 7).data().asDouble();

        KLIF soma = KLIF.builder().tauM(tau).k(k).uRest(uRest).hardReset(hard).trainable(true).build();
        Tensor xt = Tensor.variable(xv);
        new Temporal(soma).forward(xt).mul(Tensor.of(Nd4j.create(w, new long[] {T, 1, N}, 'c')
                .castTo(DataType.FLOAT))).sum().backward();
        float[] dx = xt.grad().dup('c').data().asFloat();

        int resets = 0;
        for (int i = 0; i < x.length; i++) {
            double orig = x[i];
            x[i] = orig + EPS;
            double plus = loss(x, w, tau, k, uTh, uRest, hard);
            x[i] = orig - EPS;
            double minus = loss(x, w, tau, k, uTh, uRest, hard);
            x[i] = orig;
            double numeric = (plus - minus) / (2 * EPS);
            assertEquals(numeric, dx[i], 2e-4 * Math.max(1, Math.abs(numeric)), "dx[" + i + "] hard=" + hard);
        }
        double dTau = (loss(x, w, tau + EPS, k, uTh, uRest, hard) - loss(x, w, tau - EPS, k, uTh, uRest, hard))
                / (2 * EPS);
        double dK = (loss(x, w, tau, k + EPS, uTh, uRest, hard) - loss(x, w, tau, k - EPS, uTh, uRest, hard))
                / (2 * EPS);
        assertEquals(dTau, soma.tauM().grad().getDouble(0), 2e-4 * Math.max(1, Math.abs(dTau)), "dtau hard=" + hard);
        assertEquals(dK, soma.k().grad().getDouble(0), 2e-4 * Math.max(1, Math.abs(dK)), "dk hard=" + hard);
        assertTrue(Math.abs(dTau) > 1e-3 && Math.abs(dK) > 1e-3, "parameter gradients must be non-trivial");

        // the test must exercise the analog reset (0 < o) and its absence
        KLIF probe = KLIF.builder().tauM(tau).k(k).uRest(uRest).hardReset(hard).build();
        Tensor h = null;
        for (int t = 0; t < T; t++) {
            INDArray xs = xv.get(org.nd4j.linalg.indexing.NDArrayIndex.point(t)).dup('c');
            Tensor hv = h != null ? h : Tensor.of(Nd4j.valueArrayOf(xs.shape(), (float) uRest, DataType.FLOAT));
            for (float o : probe.fire(probe.response(hv, Tensor.of(xs))).toFloatArray()) {
                resets += o > 0 ? 1 : 0;
            }
            probe.forward(Tensor.of(xs));
            h = probe.state();
        }
        assertTrue(resets > 3 && resets < T * N - 3, "partial resets in " + resets + " of " + T * N + " steps");
    }

    @Test
    void hardResetMatchesFiniteDifferences() {
        check(true);
    }

    @Test
    void softResetMatchesFiniteDifferences() {
        check(false);
    }
}

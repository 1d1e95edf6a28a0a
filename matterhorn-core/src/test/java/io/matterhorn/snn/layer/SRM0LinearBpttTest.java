package io.matterhorn.snn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.surrogate.Gaussian;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Backpropagation through time of {@code Temporal(SRM0Linear)} against an independent reference: the forward
 * recursion and its hand-derived adjoint written out in plain double arithmetic (the chain rule PyTorch's
 * autograd applies to the same five operations, including the path through the gate r = 1 - o).
 *
 * <pre>
 *   forward:  s_t = s_{t-1}/tau + i_t,  x_t = s_t W^T,  u_t = u_rest + x_t r_{t-1},  o_t = H(u_t - u_th),
 *             r_t = 1 - o_t,  s_0 = r_0 = 0;  loss L = sum_t g_t . o_t
 *   adjoint:  dL/do_t = g_t - dL/dr_t,   dL/dr_t = dL/du_{t+1} x_{t+1},   dL/du_t = dL/do_t sg(u_t - u_th),
 *             dL/dx_t = dL/du_t r_{t-1},  dL/ds_t = dL/dx_t W + dL/ds_{t+1} / tau,   dL/di_t = dL/ds_t,
 *             dL/dW = sum_t dL/dx_t^T s_t,  dL/dtau = sum_{t>=2} dL/ds_t . (-s_{t-1} / tau^2)
 * </pre>
 *
 * Random continuous inputs keep every u away from the threshold, so float32 and double agree on the spikes.
 */
class SRM0LinearBpttTest {
    private static final int T = 7;
    private static final int B = 3;
    private static final int IN = 5;
    private static final int OUT = 4;

    static Stream<Surrogate> surrogates() {
        return Stream.of(new Sigmoid(), new Gaussian(), new Rectangular(), new Sigmoid(0.5));
    }

    @ParameterizedTest
    @MethodSource("surrogates")
    void gradientsMatchTheAdjointRecursion(Surrogate surrogate) {
        Random rnd = new Random(17);
        double tau = 1.7;
        double uTh = 0.6;
        double uRest = 0.1;
        double[][] w = new double[OUT][IN];
        float[] wf = new float[OUT * IN];
        for (int j = 0; j < OUT; j++) {
            for (int k = 0; k < IN; k++) {
                wf[j * IN + k] = (float) (rnd.nextDouble() * 1.6 - 0.4);
                w[j][k] = wf[j * IN + k];
            }
        }
        double[][][] in = new double[T][B][IN];
        double[][][] g = new double[T][B][OUT];
        float[] inf = new float[T * B * IN];
        float[] gf = new float[T * B * OUT];
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                for (int k = 0; k < IN; k++) {
                    inf[(t * B + b) * IN + k] = (float) rnd.nextDouble();
                    in[t][b][k] = inf[(t * B + b) * IN + k];
                }
                for (int j = 0; j < OUT; j++) {
                    gf[(t * B + b) * OUT + j] = (float) (rnd.nextDouble() * 2 - 1);
                    g[t][b][j] = gf[(t * B + b) * OUT + j];
                }
            }
        }

        SRM0Linear layer = SRM0Linear.builder(IN, OUT).tauM(tau).uThreshold(uTh).uRest(uRest)
                .spikingFunction(surrogate).trainable(true).build();
        layer.loadWeight(Nd4j.create(wf, new long[] {OUT, IN}, 'c'));
        Tensor x = Tensor.variable(Nd4j.create(inf, new long[] {T, B, IN}, 'c'));
        Tensor o = new Temporal(layer).forward(x);
        o.mul(Tensor.of(Nd4j.create(gf, new long[] {T, B, OUT}, 'c'))).sum().backward();

        Reference ref = new Reference(w, (float) tau, uTh, uRest, surrogate, in, g);
        float[] oJava = o.toFloatArray();
        int fired = 0;
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                for (int j = 0; j < OUT; j++) {
                    assertEquals(ref.o[t][b][j], oJava[(t * B + b) * OUT + j], 0, "o");
                    fired += (int) ref.o[t][b][j];
                }
            }
        }
        assertTrue(fired > 5 && fired < T * B * OUT - 5, "test needs a mix of spikes and silence: " + fired);
        assertClose(flatten(ref.dIn), x.grad(), "dL/dx");
        assertClose(flatten(ref.dW), layer.weight().grad(), "dL/dW");
        assertEquals(ref.dTau, layer.tauM().grad().getDouble(0), 1e-5 * Math.max(1, Math.abs(ref.dTau)), "dL/dtau");
        assertTrue(Math.abs(ref.dTau) > 1e-4, "tau gradient should be non-trivial: " + ref.dTau);
    }

    private static void assertClose(double[] expected, INDArray actual, String what) {
        double[] a = actual.dup('c').castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        assertEquals(expected.length, a.length, what + " length");
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertTrue(scale > 1e-3, what + " should not vanish");
        for (int i = 0; i < a.length; i++) {
            assertEquals(expected[i], a[i], 1e-5 * Math.max(1, scale), what + "[" + i + "]");
        }
    }

    private static double[] flatten(double[][][] v) {
        double[] out = new double[v.length * v[0].length * v[0][0].length];
        int n = 0;
        for (double[][] a : v) {
            for (double[] b : a) {
                for (double c : b) {
                    out[n++] = c;
                }
            }
        }
        return out;
    }

    private static double[] flatten(double[][] v) {
        return flatten(new double[][][] {v});
    }

    /** Forward recursion and adjoint in double precision. */
    private static final class Reference {
        final double[][][] o = new double[T][B][OUT];
        final double[][][] dIn = new double[T][B][IN];
        final double[][] dW = new double[OUT][IN];
        double dTau;

        Reference(double[][] w, double tau, double uTh, double uRest, Surrogate sg, double[][][] in,
                double[][][] g) {
            double[][][] s = new double[T][B][IN];
            double[][][] xs = new double[T][B][OUT];
            double[][][] u = new double[T][B][OUT];
            double[][][] rPrev = new double[T][B][OUT];
            for (int b = 0; b < B; b++) {
                double[] r = new double[OUT];
                for (int t = 0; t < T; t++) {
                    for (int k = 0; k < IN; k++) {
                        s[t][b][k] = (t == 0 ? 0 : s[t - 1][b][k] / tau) + in[t][b][k];
                    }
                    for (int j = 0; j < OUT; j++) {
                        double acc = 0;
                        for (int k = 0; k < IN; k++) {
                            acc += s[t][b][k] * w[j][k];
                        }
                        xs[t][b][j] = acc;
                        rPrev[t][b][j] = r[j];
                        u[t][b][j] = uRest + acc * r[j];
                        o[t][b][j] = u[t][b][j] - uTh >= 0 ? 1 : 0;
                        r[j] = 1 - o[t][b][j];
                    }
                }
                double[] dsNext = new double[IN];
                double[] duNext = new double[OUT];
                for (int t = T - 1; t >= 0; t--) {
                    double[] dx = new double[OUT];
                    double[] du = new double[OUT];
                    for (int j = 0; j < OUT; j++) {
                        double dr = t + 1 < T ? duNext[j] * xs[t + 1][b][j] : 0;
                        double dO = g[t][b][j] - dr;
                        du[j] = dO * sg.derivative(u[t][b][j] - uTh);
                        dx[j] = du[j] * rPrev[t][b][j];
                    }
                    double[] ds = new double[IN];
                    for (int k = 0; k < IN; k++) {
                        double acc = dsNext[k] / tau;
                        for (int j = 0; j < OUT; j++) {
                            acc += dx[j] * w[j][k];
                        }
                        ds[k] = acc;
                        dIn[t][b][k] = acc;
                        if (t > 0) {
                            dTau += acc * (-s[t - 1][b][k] / (tau * tau));
                        }
                    }
                    for (int j = 0; j < OUT; j++) {
                        for (int k = 0; k < IN; k++) {
                            dW[j][k] += dx[j] * s[t][b][k];
                        }
                    }
                    dsNext = ds;
                    duNext = du;
                }
            }
        }
    }
}

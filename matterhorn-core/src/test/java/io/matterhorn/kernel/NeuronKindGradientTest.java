package io.matterhorn.kernel;

import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.kernel.jvm.JavaSomaKernels;

import io.matterhorn.neuron.SurrogateDerivative;

import io.matterhorn.neuron.NeuronDynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.matterhorn.snn.surrogate.Rectangular;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Float64 central-difference checks of the {@link NeuronKind} dynamics and of the whole fused backward
 * ({@link JavaSomaKernels}) where it is an exact derivative: with a threshold no potential reaches and the
 * Rectangular surrogate, no neuron fires and g = 0, so the kernel's gradients of {@code L = sum w * hLast} must
 * equal the derivative of the chained responses, computed here in double.
 */
class NeuronKindGradientTest {
    private static final float[][] PARAMS = {{}, {2.5f}, {2.0f, 0.7f, 0.8f}, {2.0f, 0.5f, 1.0f}};
    private static final float U_REST = -0.1f;

    /** The response in double, the reference for the finite differences. */
    private static double response(NeuronKind k, double[] p, double h, double x) {
        switch (k) {
            case IF:
                return h + x;
            case LIF:
                return h + (x - (h - U_REST)) / p[0];
            case QIF:
                return h + (-p[1] * (h - U_REST) * (h - p[2]) + x) / p[0];
            default:
                return h + (-(h - U_REST) + p[1] * Math.exp((h - p[2]) / p[1]) + x) / p[0];
        }
    }

    @Test
    void partialDerivativesMatchCentralDifferences() {
        Random rnd = new Random(3);
        for (NeuronKind k : NeuronKind.values()) {
            float[] pf = PARAMS[k.ordinal()];
            NeuronDynamics d = k.dynamics(pf, U_REST);
            for (int trial = 0; trial < 20; trial++) {
                float h = (float) (rnd.nextDouble() * 1.6 - 0.6);
                float x = (float) (rnd.nextDouble() * 2 - 0.5);
                double[] p = toDouble(pf);
                double eps = 1e-6;
                double dh = (response(k, p, h + eps, x) - response(k, p, h - eps, x)) / (2 * eps);
                double dx = (response(k, p, h, x + eps) - response(k, p, h, x - eps)) / (2 * eps);
                assertEquals(response(k, p, h, x), d.response(h, x), 1e-5, k + " response");
                assertEquals(dh, d.dResponseDh(h, x), 1e-5, k + " du/dh");
                assertEquals(dx, d.dResponseDx(h, x), 1e-5, k + " du/dx");
                double[] acc = new double[k.paramCount()];
                d.addParamGrads(h, x, 1f, acc);
                for (int j = 0; j < k.paramCount(); j++) {
                    double[] up = p.clone();
                    double[] dn = p.clone();
                    up[j] += eps;
                    dn[j] -= eps;
                    double num = (response(k, up, h, x) - response(k, dn, h, x)) / (2 * eps);
                    assertEquals(num, acc[j], 1e-5 * Math.max(1, Math.abs(num)), k + " du/d" + k.paramNames().get(j));
                }
            }
        }
    }

    @Test
    void fusedBackwardIsTheExactDerivativeWhenNothingFires() {
        Random rnd = new Random(5);
        int steps = 4;
        int neurons = 3;
        for (NeuronKind k : NeuronKind.values()) {
            float[] pf = PARAMS[k.ordinal()];
            SomaSpec spec = new SomaSpec(k, pf, new Rectangular(2.0), 1e6f, U_REST, true);
            float[] x = new float[steps * neurons];
            float[] h0 = new float[neurons];
            float[] w = new float[neurons];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (rnd.nextDouble() * 0.6 - 0.2);
            }
            for (int n = 0; n < neurons; n++) {
                h0[n] = (float) (rnd.nextDouble() * 0.5);
                w[n] = (float) (rnd.nextDouble() * 2 - 1);
            }
            JavaSomaKernels kernels = new JavaSomaKernels();
            SomaKernels.SomaForward f = kernels.forward(spec, x, h0, steps, neurons);
            SomaKernels.SomaGradients g = kernels.backward(spec, x, h0, f.u(), new float[x.length], w, steps,
                    neurons);
            double[] p = toDouble(pf);
            double[] xd = toDouble(x);
            double[] hd = toDouble(h0);
            double eps = 1e-6;
            for (int i = 0; i < x.length; i++) {
                double[] up = xd.clone();
                double[] dn = xd.clone();
                up[i] += eps;
                dn[i] -= eps;
                double num = (loss(k, p, up, hd, w, steps, neurons) - loss(k, p, dn, hd, w, steps,
                        neurons)) / (2 * eps);
                assertEquals(num, g.gradX()[i], 1e-4 * Math.max(1, Math.abs(num)), k + " dL/dx[" + i + "]");
            }
            for (int n = 0; n < neurons; n++) {
                double[] up = hd.clone();
                double[] dn = hd.clone();
                up[n] += eps;
                dn[n] -= eps;
                double num = (loss(k, p, xd, up, w, steps, neurons) - loss(k, p, xd, dn, w, steps,
                        neurons)) / (2 * eps);
                assertEquals(num, g.gradH0()[n], 1e-4 * Math.max(1, Math.abs(num)), k + " dL/dh0[" + n + "]");
            }
            for (int j = 0; j < k.paramCount(); j++) {
                double[] up = p.clone();
                double[] dn = p.clone();
                up[j] += eps;
                dn[j] -= eps;
                double num = (loss(k, up, xd, hd, w, steps, neurons) - loss(k, dn, xd, hd, w, steps,
                        neurons)) / (2 * eps);
                assertEquals(num, g.paramGrads()[j], 1e-4 * Math.max(1, Math.abs(num)),
                        k + " dL/d" + k.paramNames().get(j));
            }
        }
    }

    @Test
    void invalidParametersAreRejectedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SomaSpec(NeuronKind.LIF, new float[] {0f}, new Rectangular(2.0), 1f, 0f, true));
        assertEquals(true, e.getMessage().contains("tau_m"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SomaSpec(NeuronKind.EIF, new float[] {2f, -1f, 1f}, new Rectangular(2.0), 1f, 0f, true));
        assertEquals(true, e.getMessage().contains("delta_t"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SomaSpec(NeuronKind.QIF, new float[] {2f, 1f}, new Rectangular(2.0), 1f, 0f, true));
        assertThrows(IllegalArgumentException.class,
                () -> new SomaSpec(NeuronKind.IF, new float[0], null, 1f, 0f, true));
        SurrogateDerivative badBuiltIn = new SurrogateDerivative() {
            @Override
            public double derivative(double x) {
                return 0;
            }

            @Override
            public int kernelId() {
                return 0;
            }
        };
        e = assertThrows(IllegalArgumentException.class,
                () -> new SomaSpec(NeuronKind.IF, new float[0], badBuiltIn, 1f, 0f, true));
        assertEquals(true, e.getMessage().contains("parameter a"), e.getMessage());
    }

    /** L = sum_n w[n] * hLast[n] with no firing: the responses chained in double. */
    private static double loss(NeuronKind k, double[] p, double[] x, double[] h0, float[] w, int steps, int neurons) {
        double l = 0;
        for (int n = 0; n < neurons; n++) {
            double h = h0[n];
            for (int t = 0; t < steps; t++) {
                h = response(k, p, h, x[t * neurons + n]);
            }
            l += w[n] * h;
        }
        return l;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}

package io.matterhorn.optim;

import static io.matterhorn.optim.OptimizerTestSupport.GRADS;
import static io.matterhorn.optim.OptimizerTestSupport.INITIAL;
import static io.matterhorn.optim.OptimizerTestSupport.assertClose;
import static io.matterhorn.optim.OptimizerTestSupport.parameter;
import static io.matterhorn.optim.OptimizerTestSupport.setGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.matterhorn.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Adam and AdamW against a double-precision transcription of PyTorch's documented algorithms. */
class AdamTest {

    /** Adam (decoupled = false: L2 added to the gradient) or AdamW (decoupled = true), optional AMSGrad. */
    static double[][] reference(double lr, double b1, double b2, double eps, double wd, boolean amsgrad,
            boolean decoupled) {
        double[] p = INITIAL.clone();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        double[] vMax = new double[p.length];
        double[][] history = new double[GRADS.length][];
        for (int s = 0; s < GRADS.length; s++) {
            int t = s + 1;
            double bc1 = 1 - Math.pow(b1, t);
            double bc2 = 1 - Math.pow(b2, t);
            for (int i = 0; i < p.length; i++) {
                double g = GRADS[s][i];
                if (decoupled) {
                    p[i] *= 1 - lr * wd;
                } else {
                    g += wd * p[i];
                }
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double second = v[i];
                if (amsgrad) {
                    vMax[i] = Math.max(vMax[i], v[i]);
                    second = vMax[i];
                }
                double denom = Math.sqrt(second) / Math.sqrt(bc2) + eps;
                p[i] -= lr / bc1 * m[i] / denom;
            }
            history[s] = p.clone();
        }
        return history;
    }

    private static void run(Optimizer opt, Tensor p, double[][] ref, String label) {
        for (int s = 0; s < GRADS.length; s++) {
            setGrad(opt, p, GRADS[s]);
            opt.step();
            assertClose(ref[s], p, label + " step " + s);
        }
    }

    @Test
    void defaults() {
        Tensor p = parameter();
        run(new Adam(List.of(p), 0.01), p, reference(0.01, 0.9, 0.999, 1e-8, 0, false, false), "Adam defaults");
    }

    @Test
    void customBetasAndWeightDecay() {
        Tensor p = parameter();
        run(Adam.builder(List.of(p)).learningRate(0.05).betas(0.8, 0.99).eps(1e-6).weightDecay(0.1).build(), p,
                reference(0.05, 0.8, 0.99, 1e-6, 0.1, false, false), "Adam custom");
    }

    @Test
    void amsgrad() {
        Tensor p = parameter();
        run(Adam.builder(List.of(p)).learningRate(0.05).betas(0.9, 0.9).weightDecay(0.05).amsgrad(true)
                .build(), p,
                reference(0.05, 0.9, 0.9, 1e-8, 0.05, true, false), "Adam AMSGrad");
    }

    @Test
    void adamWDecouplesTheDecay() {
        Tensor p = parameter();
        run(AdamW.builder(List.of(p)).learningRate(0.05).betas(0.9, 0.99).weightDecay(0.2).build(), p,
                reference(0.05, 0.9, 0.99, 1e-8, 0.2, false, true), "AdamW");
    }

    @Test
    void adamWWithAmsgrad() {
        Tensor p = parameter();
        run(AdamW.builder(List.of(p)).learningRate(0.02).betas(0.8, 0.9).weightDecay(0.1).amsgrad(true)
                .build(), p,
                reference(0.02, 0.8, 0.9, 1e-8, 0.1, true, true), "AdamW AMSGrad");
    }

    @Test
    void adamWFirstStepByHand() {
        // p = 0.5, g = 0.1, lr 0.1, wd 0.01: p = 0.5 (1 - 0.001) = 0.4995; m = 0.01, v = 1e-5, mHat = 0.1,
        // vHat = 0.01, step = 0.1 * 0.1 / (0.1 + 1e-8) = 0.1 (to 1e-7): p = 0.3995
        Tensor p = parameter();
        AdamW opt = new AdamW(List.of(p), 0.1);
        setGrad(opt, p, GRADS[0]);
        opt.step();
        assertEquals(0.3995, p.toFloatArray()[0], 1e-6);
    }

    @Test
    void parametersWithoutGradientAreSkipped() {
        Tensor used = parameter();
        Tensor unused = Tensor.parameter(Nd4j.create(new float[] {3f, 4f}, new long[] {2}, 'c'), true);
        Adam opt = new Adam(List.of(used, unused), 0.1);
        setGrad(opt, used, GRADS[0]);
        opt.step();
        assertArrayEquals(new float[] {3f, 4f}, unused.toFloatArray(), 0f);
        assertClose(reference(0.1, 0.9, 0.999, 1e-8, 0, false, false)[0], used, "used parameter");
    }

    /**
     * A parameter large enough to be updated in pieces on the kernel threads gets, element by element, the floats
     * of the documented rule computed serially here (AdamW with decay and AMSGrad, three steps).
     */
    @Test
    void largeParametersGetTheSerialFloatsInEveryPiece() {
        int n = 5 * AdaptiveMoments.UPDATE_CHUNK + 123;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = (float) rng.nextGaussian();
        }
        Tensor param = Tensor.parameter(Nd4j.create(p.clone(), new long[] {n}, 'c'), true);
        double lr = 0.01;
        double wd = 0.1;
        double beta1 = 0.9;
        double beta2 = 0.99;
        double eps = 1e-8;
        AdamW opt = AdamW.builder(List.of(param)).learningRate(lr).betas(beta1, beta2).eps(eps).weightDecay(wd)
                .amsgrad(true).build();
        // the rule in float32, its constants rounded from the double hyperparameters
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float e = (float) eps;
        float shrink = (float) (1 - lr * wd);
        float[] m = new float[n];
        float[] v = new float[n];
        float[] vMax = new float[n];
        for (int t = 1; t <= 3; t++) {
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = (float) rng.nextGaussian();
            }
            setGrad(opt, param, g);
            opt.step();
            float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
            float sqrtBc2 = (float) Math.sqrt(1 - Math.pow(beta2, t));
            for (int i = 0; i < n; i++) {
                float gi = (float) g[i];
                float pi = p[i] * shrink;
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                vMax[i] = Math.max(vMax[i], v[i]);
                p[i] = pi - stepSize * m[i] / ((float) Math.sqrt(vMax[i]) / sqrtBc2 + e);
            }
            assertArrayEquals(p, param.toFloatArray(), 0f, "step " + t + " ("
                    + io.matterhorn.numeric.Parallel.chunks(n, AdaptiveMoments.UPDATE_CHUNK) + " pieces)");
        }
    }
}

package io.matterhorn.optim;

import static io.matterhorn.optim.OptimizerTestSupport.GRADS;
import static io.matterhorn.optim.OptimizerTestSupport.INITIAL;
import static io.matterhorn.optim.OptimizerTestSupport.assertClose;
import static io.matterhorn.optim.OptimizerTestSupport.parameter;
import static io.matterhorn.optim.OptimizerTestSupport.setGrad;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.matterhorn.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RMSprop against a double-precision transcription of PyTorch's documented torch.optim.RMSprop algorithm. */
class RMSpropTest {

    private static double[][] reference(double lr, double alpha, double eps, double wd, double momentum,
            boolean centered) {
        double[] p = INITIAL.clone();
        double[] sq = new double[p.length];
        double[] avg = new double[p.length];
        double[] buf = new double[p.length];
        double[][] history = new double[GRADS.length][];
        for (int s = 0; s < GRADS.length; s++) {
            for (int i = 0; i < p.length; i++) {
                double g = GRADS[s][i] + wd * p[i];
                sq[i] = alpha * sq[i] + (1 - alpha) * g * g;
                double var = sq[i];
                if (centered) {
                    avg[i] = alpha * avg[i] + (1 - alpha) * g;
                    var -= avg[i] * avg[i];
                }
                double d = Math.sqrt(var) + eps;
                if (momentum > 0) {
                    buf[i] = momentum * buf[i] + g / d;
                    p[i] -= lr * buf[i];
                } else {
                    p[i] -= lr * g / d;
                }
            }
            history[s] = p.clone();
        }
        return history;
    }

    private static void run(double lr, double alpha, double eps, double wd, double momentum, boolean centered) {
        Tensor p = parameter();
        RMSprop opt = RMSprop.builder(List.of(p)).learningRate(lr).alpha(alpha).eps(eps).weightDecay(wd)
                .momentum(momentum).centered(centered).build();
        double[][] ref = reference(lr, alpha, eps, wd, momentum, centered);
        for (int s = 0; s < GRADS.length; s++) {
            setGrad(opt, p, GRADS[s]);
            opt.step();
            assertClose(ref[s], p, "RMSprop(momentum " + momentum + ", centered " + centered + ") step " + s);
        }
    }

    @Test
    void defaults() {
        run(0.01, 0.99, 1e-8, 0, 0, false);
    }

    @Test
    void momentumAndWeightDecay() {
        run(0.01, 0.9, 1e-6, 0.1, 0.8, false);
    }

    @Test
    void centered() {
        run(0.005, 0.9, 1e-8, 0, 0.5, true);
    }

    @Test
    void firstStepByHand() {
        // p = 0.5, g = 0.1, alpha 0.99: s = 0.01 * 0.01 = 1e-4, d = 0.01 (+1e-8), p = 0.5 - 0.01 * 0.1 / 0.01 = 0.4
        Tensor p = parameter();
        RMSprop opt = new RMSprop(List.of(p), 0.01);
        setGrad(opt, p, GRADS[0]);
        opt.step();
        assertEquals(0.4, p.toFloatArray()[0], 1e-6);
    }
}

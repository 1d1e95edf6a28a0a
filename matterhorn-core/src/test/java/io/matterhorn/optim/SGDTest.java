package io.matterhorn.optim;

import static io.matterhorn.optim.OptimizerTestSupport.GRADS;
import static io.matterhorn.optim.OptimizerTestSupport.INITIAL;
import static io.matterhorn.optim.OptimizerTestSupport.assertClose;
import static io.matterhorn.optim.OptimizerTestSupport.parameter;
import static io.matterhorn.optim.OptimizerTestSupport.setGrad;

import io.matterhorn.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SGD against a double-precision transcription of PyTorch's torch.optim.SGD (dampening 0, no Nesterov). */
class SGDTest {

    /** PyTorch's update, one parameter tensor, all steps; returns the values after each step. */
    private static double[][] reference(double lr, double momentum, double weightDecay) {
        double[] p = INITIAL.clone();
        double[] buf = null;
        double[][] history = new double[GRADS.length][];
        for (int s = 0; s < GRADS.length; s++) {
            double[] d = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                d[i] = GRADS[s][i] + weightDecay * p[i];
            }
            if (momentum != 0) {
                if (buf == null) {
                    buf = d.clone();
                } else {
                    for (int i = 0; i < p.length; i++) {
                        buf[i] = momentum * buf[i] + d[i];
                    }
                }
                d = buf;
            }
            for (int i = 0; i < p.length; i++) {
                p[i] -= lr * d[i];
            }
            history[s] = p.clone();
        }
        return history;
    }

    private static void run(double lr, double momentum, double weightDecay) {
        Tensor p = parameter();
        SGD opt = new SGD(List.of(p), lr, momentum, weightDecay);
        double[][] ref = reference(lr, momentum, weightDecay);
        for (int s = 0; s < GRADS.length; s++) {
            setGrad(opt, p, GRADS[s]);
            opt.step();
            assertClose(ref[s], p, "SGD(lr=" + lr + ", momentum=" + momentum + ", wd=" + weightDecay + ") step " + s);
        }
    }

    @Test
    void plain() {
        run(0.1, 0, 0);
    }

    @Test
    void momentumAndWeightDecay() {
        run(0.05, 0.9, 0.01);
    }

    @Test
    void momentumOnly() {
        run(0.2, 0.5, 0);
    }

    @Test
    void twoArgumentConstructorIsPlainSgd() {
        Tensor p = parameter();
        SGD opt = new SGD(List.of(p), 0.1);
        setGrad(opt, p, GRADS[0]);
        opt.step();
        assertClose(reference(0.1, 0, 0)[0], p, "SGD(params, lr)");
    }
}

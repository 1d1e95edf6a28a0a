package io.matterhorn.optim;

import static io.matterhorn.optim.OptimizerTestSupport.GRADS;
import static io.matterhorn.optim.OptimizerTestSupport.INITIAL;
import static io.matterhorn.optim.OptimizerTestSupport.assertClose;
import static io.matterhorn.optim.OptimizerTestSupport.parameter;
import static io.matterhorn.optim.OptimizerTestSupport.setGrad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.matterhorn.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SGD against a double-precision transcription of PyTorch's documented torch.optim.SGD algorithm. */
class SGDTest {

    /** PyTorch's update, one parameter tensor, all steps; returns the values after each step. */
    private static double[][] reference(double lr, double momentum, double dampening, double weightDecay,
            boolean nesterov) {
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
                        buf[i] = momentum * buf[i] + (1 - dampening) * d[i];
                    }
                }
                if (nesterov) {
                    for (int i = 0; i < p.length; i++) {
                        d[i] = d[i] + momentum * buf[i];
                    }
                } else {
                    d = buf.clone();
                }
            }
            for (int i = 0; i < p.length; i++) {
                p[i] -= lr * d[i];
            }
            history[s] = p.clone();
        }
        return history;
    }

    private static void run(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        Tensor p = parameter();
        SGD opt = SGD.builder(List.of(p), lr).momentum(momentum).dampening(dampening).weightDecay(weightDecay)
                .nesterov(nesterov).build();
        double[][] ref = reference(lr, momentum, dampening, weightDecay, nesterov);
        for (int s = 0; s < GRADS.length; s++) {
            setGrad(opt, p, GRADS[s]);
            opt.step();
            assertClose(ref[s], p, "SGD(lr=" + lr + ", momentum=" + momentum + ", dampening=" + dampening + ", wd="
                    + weightDecay + ", nesterov=" + nesterov + ") step " + s);
        }
    }

    @Test
    void plain() {
        run(0.1, 0, 0, 0, false);
    }

    @Test
    void momentumAndWeightDecay() {
        run(0.05, 0.9, 0, 0.01, false);
    }

    @Test
    void momentumWithDampening() {
        run(0.1, 0.8, 0.3, 0, false);
    }

    @Test
    void nesterovWithWeightDecay() {
        run(0.05, 0.9, 0, 0.02, true);
    }

    @Test
    void nesterovByHand() {
        // p0 = 0.5, lr 0.1, mu 0.9. step 1: g = 0.1, buf = 0.1, d = 0.1 + 0.09 = 0.19, p = 0.481
        // step 2: g = -0.4, buf = 0.09 - 0.4 = -0.31, d = -0.4 - 0.279 = -0.679, p = 0.481 + 0.0679 = 0.5489
        Tensor p = parameter();
        SGD opt = SGD.builder(List.of(p), 0.1).momentum(0.9).nesterov(true).build();
        setGrad(opt, p, GRADS[0]);
        opt.step();
        assertEquals(0.481, p.toFloatArray()[0], 1e-6);
        setGrad(opt, p, GRADS[1]);
        opt.step();
        assertEquals(0.5489, p.toFloatArray()[0], 1e-6);
    }

    @Test
    void nesterovNeedsMomentumWithoutDampening() {
        assertThrows(IllegalArgumentException.class, () -> SGD.builder(List.of(parameter()), 0.1).nesterov(true)
                .build());
        assertThrows(IllegalArgumentException.class, () -> SGD.builder(List.of(parameter()), 0.1).momentum(0.9)
                .dampening(0.1).nesterov(true).build());
        assertThrows(IllegalArgumentException.class, () -> SGD.builder(List.of(parameter()), 0.1).momentum(0.9)
                .dampening(1.5).build());
    }

    @Test
    void twoArgumentConstructorIsPlainSgd() {
        Tensor p = parameter();
        SGD opt = new SGD(List.of(p), 0.1);
        setGrad(opt, p, GRADS[0]);
        opt.step();
        assertClose(reference(0.1, 0, 0, 0, false)[0], p, "SGD(params, lr)");
    }
}

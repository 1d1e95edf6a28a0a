package io.matterhorn.optim;

import static io.matterhorn.tensor.GradientCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.matterhorn.tensor.Functional;
import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Label-smoothed cross-entropy, NLL, BCE with logits and the firing-rate regulariser: values and gradients. */
class TrainingLossesTest {

    private static Tensor rows(double[] v, int n) {
        return Tensor.of(Nd4j.create(v, new long[] {n, v.length / n}, 'c'));
    }

    @Test
    void labelSmoothingByHand() {
        // logits (0, log 3): log-probs (log 0.25, log 0.75); label 1, eps 0.2, C = 2: q = (0.1, 0.9)
        Tensor x = rows(new double[] {0, Math.log(3)}, 1);
        double expected = -(0.1 * Math.log(0.25) + 0.9 * Math.log(0.75));
        assertEquals(expected, Losses.crossEntropy(x, new int[] {1}, 0.2).item(), 1e-12);
        assertEquals(-Math.log(0.75), Losses.crossEntropy(x, new int[] {1}).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(x, new int[] {1}, 1.5));
    }

    @Test
    void nllByHand() {
        Tensor lp = rows(new double[] {-0.1, -2.0, -3.0, -0.5}, 2);
        assertEquals((2.0 + 3.0) / 2, Losses.nll(lp, new int[] {1, 0}).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Losses.nll(lp, new int[] {1}));
    }

    @Test
    void bceWithLogitsByHand() {
        // x = 0, t = 1: log 2; x = 2, t = 0: log(1 + e^2); x = -30, t = 0: log(1 + e^-30) (stable)
        Tensor x = rows(new double[] {0, 2, -30}, 1);
        Tensor t = rows(new double[] {1, 0, 0}, 1);
        double expected = (Math.log(2) + Math.log(1 + Math.exp(2)) + Math.log1p(Math.exp(-30))) / 3;
        assertEquals(expected, Losses.bceWithLogits(x, t).item(), 1e-12);
        Tensor big = rows(new double[] {1000}, 1);
        assertEquals(1000, Losses.bceWithLogits(big, rows(new double[] {0}, 1)).item(), 1e-9);
    }

    @Test
    void firingRateRegulariserByHand() {
        // spikes [T=2, B=1, N=3]: rates (0, 0.5, 1); band [0.2, 0.6]: (0.2^2 + 0 + 0.4^2) / 3
        Tensor s = Tensor.of(Nd4j.create(new double[] {0, 1, 1, 0, 0, 1}, new long[] {2, 1, 3}, 'c'));
        assertEquals((0.04 + 0.16) / 3, Losses.firingRateRegularizer(s, 0.2, 0.6).item(), 1e-12);
        assertEquals(0.0, Losses.firingRateRegularizer(s, 0.0, 1.0).item(), 0);
        assertThrows(IllegalArgumentException.class, () -> Losses.firingRateRegularizer(s, 0.7, 0.6));
    }

    private static INDArray signed(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).muli(4).subi(2);
    }

    @Test
    void gradientChecks() {
        Nd4j.getRandom().setSeed(3);
        int[] labels = {2, 0, 1};
        check("crossEntropy smoothing 0.1", xs -> Losses.crossEntropy(xs.get(0), labels, 0.1), signed(3, 4));
        check("nll of logSoftmax", xs -> Losses.nll(Functional.logSoftmax(xs.get(0)), labels), signed(3, 4));
        check("bceWithLogits", xs -> Losses.bceWithLogits(xs.get(0), xs.get(1)), signed(2, 3),
                Nd4j.rand(DataType.DOUBLE, 2, 3));
        // rates in (0, 1) around the band edges but not on them
        INDArray spikes = Nd4j.create(new double[] {0.05, 0.9, 0.4, 0.1, 0.7, 0.5, 0.0, 0.95, 0.45, 0.15, 0.8, 0.3},
                new long[] {2, 2, 3}, 'c');
        check("firingRateRegularizer", xs -> Losses.firingRateRegularizer(xs.get(0), 0.2, 0.6), spikes);
    }
}

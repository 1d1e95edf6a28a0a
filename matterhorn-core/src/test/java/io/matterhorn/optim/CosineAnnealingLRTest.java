package io.matterhorn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.matterhorn.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cosine annealing: lr(e) = etaMin + (lr0 - etaMin) (1 + cos(pi e / tMax)) / 2. */
class CosineAnnealingLRTest {

    @Test
    void followsTheHalfCosine() {
        SGD opt = new SGD(List.of(OptimizerTestSupport.parameter()), 0.1);
        CosineAnnealingLR sched = new CosineAnnealingLR(opt, 4);
        assertEquals(0.1, sched.rateAt(0), 1e-15);
        assertEquals(0.1, opt.learningRate(), 1e-15);
        double[] expected = {0.1 * (1 + Math.cos(Math.PI / 4)) / 2, 0.05, 0.1 * (1 + Math.cos(3 * Math.PI / 4)) / 2,
                0.0};
        for (int e = 1; e <= 4; e++) {
            sched.step();
            assertEquals(e, sched.epoch());
            assertEquals(expected[e - 1], opt.learningRate(), 1e-12, "epoch " + e);
            assertEquals(expected[e - 1], sched.rateAt(e), 1e-12);
        }
        assertEquals(0.0853553390593, expected[0], 1e-12);
    }

    @Test
    void minimumRateIsTheFloor() {
        Tensor p = OptimizerTestSupport.parameter();
        Adam opt = new Adam(List.of(p), 1.0);
        CosineAnnealingLR sched = new CosineAnnealingLR(opt, 2, 0.2);
        sched.step();
        assertEquals(0.6, opt.learningRate(), 1e-12);
        sched.step();
        assertEquals(0.2, opt.learningRate(), 1e-12);
    }

    @Test
    void tMaxMustBePositive() {
        SGD opt = new SGD(List.of(OptimizerTestSupport.parameter()), 0.1);
        assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingLR(opt, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingLR(opt, -3));
    }
}

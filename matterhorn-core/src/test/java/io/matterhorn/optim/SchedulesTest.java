package io.matterhorn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every schedule against rates written out by hand from PyTorch's documented formulas (the numbers in the arrays
 * were computed on paper / with a calculator, not by the code under test).
 */
class SchedulesTest {

    private static SGD sgd(double lr) {
        return new SGD(List.of(OptimizerTestSupport.parameter()), lr);
    }

    /** Asserts the rate after construction (epoch 0) and after each of the following steps. */
    private static void assertRates(LRScheduler s, Optimizer opt, double... expected) {
        assertEquals(expected[0], opt.learningRate(), 1e-12, "epoch 0");
        for (int e = 1; e < expected.length; e++) {
            s.step();
            assertEquals(expected[e], opt.learningRate(), 1e-12, s.getClass().getSimpleName() + " epoch " + e);
        }
    }

    @Test
    void stepLR() {
        SGD opt = sgd(1.0);
        assertRates(new StepLR(opt, 2, 0.5), opt, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.125);
    }

    @Test
    void multiStepLR() {
        SGD opt = sgd(0.1);
        assertRates(new MultiStepLR(opt, new int[] {2, 5}, 0.1), opt, 0.1, 0.1, 0.01, 0.01, 0.01, 0.001, 0.001);
    }

    @Test
    void exponentialLR() {
        SGD opt = sgd(2.0);
        assertRates(new ExponentialLR(opt, 0.9), opt, 2.0, 1.8, 1.62, 1.458, 1.3122);
    }

    @Test
    void cosineAnnealing() {
        SGD opt = sgd(0.1);
        // 0.1 (1 + cos(pi e / 4)) / 2: cos(pi/4) = 0.70710678118654752
        assertRates(new CosineAnnealingLR(opt, 4), opt, 0.1, 0.0853553390593273762, 0.05, 0.0146446609406726238,
                0.0);
    }

    @Test
    void warmupThenCosine() {
        SGD opt = sgd(1.0);
        // warm-up 4 epochs from 0.25: 0.25, 0.4375, 0.625, 0.8125, then cosine over 2 epochs: 1, 0.5, 0
        LRScheduler s = new LinearWarmup(new CosineAnnealingLR(opt, 2), 4, 0.25);
        assertRates(s, opt, 0.25, 0.4375, 0.625, 0.8125, 1.0, 0.5, 0.0);
    }

    @Test
    void warmupThenStep() {
        SGD opt = sgd(0.8);
        LRScheduler s = new LinearWarmup(new StepLR(opt, 1, 0.5), 2, 0.5);
        assertRates(s, opt, 0.4, 0.6, 0.8, 0.4, 0.2);
    }

    @Test
    void warmupScalesEachGroupFromItsOwnBase() {
        SGD opt = sgd(1.0);
        opt.addParamGroup(List.of(OptimizerTestSupport.parameter()), 0.1, 0);
        LRScheduler s = new LinearWarmup(new ExponentialLR(opt, 0.5), 2, 0.5);
        assertEquals(0.05, opt.paramGroups().get(1).learningRate(), 1e-15);
        s.step();
        s.step();
        s.step();
        assertEquals(0.5, opt.paramGroups().get(0).learningRate(), 1e-15);
        assertEquals(0.05, opt.paramGroups().get(1).learningRate(), 1e-15);
    }

    @Test
    void oneCycle() {
        SGD opt = sgd(1.0);
        // total 10, pct 0.3: s1 = 2, s2 = 9; initial = 1 / 25 = 0.04, min = 0.04 / 1e4 = 4e-6
        // e = 0: 0.04; e = 1: 1 + (0.04 - 1)(1 + cos(pi/2))/2 = 0.52; e = 2: 1.0
        // e = 3..9 anneal 1 -> 4e-6 over 7 steps: 4e-6 + (1 - 4e-6)(1 + cos(pi k / 7))/2, k = e - 2
        double[] expected = new double[11];
        expected[0] = 0.04;
        expected[1] = 0.52;
        expected[2] = 1.0;
        double[] cosK = {0.90096886790241913, 0.62348980185873353, 0.22252093395631440, -0.22252093395631440,
            -0.62348980185873353, -0.90096886790241913, -1.0};
        for (int k = 1; k <= 7; k++) {
            expected[k + 2] = 4e-6 + (1 - 4e-6) * (1 + cosK[k - 1]) / 2;
        }
        // e = 10 (one step past the last): PyTorch still answers with pct = 8/7, cos(8 pi / 7) = -cos(pi / 7)
        expected[10] = 4e-6 + (1 - 4e-6) * (1 - 0.90096886790241913) / 2;
        OneCycleLR s = new OneCycleLR(opt, 10);
        assertRates(s, opt, expected);
        assertThrows(IllegalStateException.class, s::step);
    }

    @Test
    void reduceOnPlateau() {
        SGD opt = sgd(1.0);
        ReduceLROnPlateau s = ReduceLROnPlateau.builder(opt).factor(0.5).patience(1).threshold(0.1).cooldown(1)
                .minLr(0.2).build();
        // best 10; 9.5 is not below 10 (1 - 0.1) = 9: bad 1; 9.2 bad 2 > patience 1: cut to 0.5, cool-down 1
        assertFalse(s.step(10));
        assertFalse(s.step(9.5));
        assertTrue(s.step(9.2));
        assertEquals(0.5, opt.learningRate(), 1e-15);
        // cool-down swallows this bad epoch; then two more bad epochs cut again to 0.25, then the floor 0.2
        assertFalse(s.step(9.9));
        assertFalse(s.step(9.9));
        assertTrue(s.step(9.9));
        assertEquals(0.25, opt.learningRate(), 1e-15);
        s.step(9.9);
        s.step(9.9);
        s.step(9.9);
        assertEquals(0.2, opt.learningRate(), 1e-15);
        // an improvement resets the count
        assertFalse(s.step(5));
        assertEquals(5.0, s.best());
        assertEquals(0, s.badEpochs());
    }

    @Test
    void reduceOnPlateauStateRoundTrip() {
        SGD opt = sgd(1.0);
        ReduceLROnPlateau s = ReduceLROnPlateau.builder(opt).maximise(true).factor(0.5).patience(2).threshold(0)
                .relativeThreshold(false).build();
        s.step(0.5);
        s.step(0.4);
        Map<String, INDArray> saved = s.stateDict();
        ReduceLROnPlateau t = ReduceLROnPlateau.builder(opt).maximise(true).factor(0.5).patience(2).threshold(0)
                .relativeThreshold(false).build();
        t.loadStateDict(saved);
        assertEquals(0.5, t.best());
        assertEquals(1, t.badEpochs());
        ReduceLROnPlateau other = ReduceLROnPlateau.builder(opt).factor(0.5).patience(2).threshold(0)
                .relativeThreshold(false).build();
        assertThrows(IllegalArgumentException.class, () -> other.loadStateDict(saved));
    }

    @Test
    void scheduleStateRoundTrip() {
        SGD opt = sgd(1.0);
        LRScheduler s = new LinearWarmup(new CosineAnnealingLR(opt, 10, 0.01), 3, 0.1);
        s.step();
        s.step();
        s.step();
        s.step();
        Map<String, INDArray> saved = s.stateDict();
        assertEquals(10.0, saved.get("after.t_max").getDouble(0));
        SGD opt2 = sgd(1.0);
        LRScheduler t = new LinearWarmup(new CosineAnnealingLR(opt2, 10, 0.01), 3, 0.1);
        t.loadStateDict(saved);
        assertEquals(4, t.epoch());
        s.step();
        t.step();
        assertEquals(opt.learningRate(), opt2.learningRate(), 0);
        LRScheduler differs = new LinearWarmup(new CosineAnnealingLR(sgd(1.0), 20, 0.01), 3, 0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> differs.loadStateDict(saved));
        assertTrue(e.getMessage().contains("after.t_max"), e.getMessage());
        assertEquals(0, differs.epoch());
    }

    @Test
    void invalidSettings() {
        SGD opt = sgd(1.0);
        assertThrows(IllegalArgumentException.class, () -> new StepLR(opt, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new MultiStepLR(opt, new int[] {3, 2}, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialLR(opt, 0));
        assertThrows(IllegalArgumentException.class, () -> new OneCycleLR(opt, 1));
        assertThrows(IllegalArgumentException.class, () -> new LinearWarmup(new StepLR(opt, 1, 0.5), 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new LinearWarmup(new StepLR(opt, 1, 0.5), 2, 0));
        assertThrows(IllegalArgumentException.class, () -> ReduceLROnPlateau.builder(opt).factor(1.0).build());
    }
}

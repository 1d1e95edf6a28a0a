package io.matterhorn.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.learning.STDPLinear;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Polynomial;
import io.matterhorn.snn.synapse.Conv2d;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Functional;
import io.matterhorn.tensor.Tensor;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The documented argument and input policy ({@link InputChecks}): overflowing sizes, wrong dtypes, empty batches
 * and non-finite inputs fail with IllegalArgumentException naming the module, the argument and the expectation,
 * before any kernel runs (so the same on every backend).
 */
class InputPolicyTest {

    private static IllegalArgumentException refused(Supplier<?> call, String... expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::get);
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), "'" + s + "' missing from: " + e.getMessage());
        }
        return e;
    }

    private static Tensor filled(DataType type, double v, long... shape) {
        return Tensor.of(Nd4j.valueArrayOf(shape, v, type));
    }

    @Test
    void overflowingSizesAreRefusedInConstructors() {
        refused(() -> new Linear(46341, 46341), "Linear(46341, 46341)", "weight [out_features, in_features]",
                "2^31 - 1");
        refused(() -> new Linear(65536, 65536), "Linear(65536, 65536)", "2^31 - 1");
        refused(() -> new STDPLinear(65536, 65536, new LIF()), "STDPLinear(65536, 65536)", "2^31 - 1");
        refused(() -> new Conv2d(30000, 30000, 30), "Conv2d(30000, 30000)", "weight", "2^31 - 1");
        assertEquals(46340 * 46340, InputChecks.elementCount("m", "w", 46340, 46340));
        refused(() -> InputChecks.elementCount("m", "w", 3, -1), "negative size");
    }

    @Test
    void hugePaddingIsRefusedAtTheGeometry() {
        Conv2d conv = new Conv2d(1, 1, 3, 1, 30000);
        refused(() -> conv.forward(filled(DataType.FLOAT, 0, 1, 1, 5, 5)), "Conv2d(1, 1, k=3)", "2^31 - 1");
        Conv2d huge = new Conv2d(1, 1, 3, 1, 1 << 30);
        refused(() -> huge.forward(filled(DataType.FLOAT, 0, 1, 1, 5, 5)), "2^31 - 1");
    }

    @Test
    void wrongDtypesAreRefusedWithTheExpectedDtype() {
        Linear linear = new Linear(4, 3);
        refused(() -> linear.forward(filled(DataType.DOUBLE, 1, 2, 4)), "Linear(4, 3)", "input dtype DOUBLE",
                "expected FLOAT");
        refused(() -> linear.forward(filled(DataType.INT, 1, 2, 4)), "input dtype INT", "expected FLOAT");
        Temporal stdp = new Temporal(new STDPLinear(4, 3, new LIF()));
        refused(() -> stdp.forward(filled(DataType.DOUBLE, 1, 2, 1, 4)), "STDPLinear", "input dtype DOUBLE");
        Temporal lif = new Temporal(new LIF());
        refused(() -> lif.forward(filled(DataType.INT, 1, 2, 1, 4)), "LIF", "input dtype INT",
                "expected FLOAT or DOUBLE");
        Conv2d conv = new Conv2d(1, 2, 3);
        refused(() -> conv.forward(filled(DataType.DOUBLE, 0, 1, 1, 5, 5)), "Conv2d(1, 2, k=3)", "DOUBLE");
        Tensor w = filled(DataType.FLOAT, 1, 3, 4);
        refused(() -> Functional.linear(filled(DataType.DOUBLE, 1, 2, 4), w, null), "linear", "input dtype DOUBLE",
                "weight dtype FLOAT");
    }

    @Test
    void emptyBatchesAreRefused() {
        refused(() -> new Linear(4, 3).forward(filled(DataType.FLOAT, 0, 0, 4)), "Linear(4, 3)", "empty input [0, 4]");
        STDPLinear learner = new STDPLinear(4, 3, new LIF());
        learner.train();
        refused(() -> learner.forward(filled(DataType.FLOAT, 0, 0, 4)), "STDPLinear", "empty batch", "[0, 4]");
        refused(() -> new LIF().forward(filled(DataType.FLOAT, 0, 0, 3)), "LIF", "empty input");
        refused(() -> new Conv2d(1, 2, 3).forward(filled(DataType.FLOAT, 0, 0, 1, 5, 5)), "empty input");
    }

    @Test
    void nonFiniteInputsAreRefusedEverywhere() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Tensor x = filled(DataType.FLOAT, 0.5, 2, 4);
            x.value().putScalar(new long[] {1, 2}, bad);
            refused(() -> new Linear(4, 3).forward(x), "Linear(4, 3)", "non-finite value", "flat index 6");
            Tensor seq = filled(DataType.FLOAT, 0.5, 3, 2, 4);
            seq.value().putScalar(new long[] {2, 1, 0}, bad);
            LIF trainableTau = LIF.builder().spikingFunction(new Polynomial()).trainable(true).build();
            refused(() -> new Temporal(trainableTau).forward(seq), "LIF", "non-finite value", "flat index 20");
            LIF stepwise = LIF.builder().spikingFunction(new Polynomial()).hardReset(false).trainable(true).build();
            refused(() -> stepwise.forward(x), "LIF", "non-finite");
            Tensor d = filled(DataType.DOUBLE, 0.5, 2, 4);
            d.value().putScalar(new long[] {0, 0}, bad);
            refused(() -> new LIF().forward(d), "LIF", "flat index 0");
            Tensor img = filled(DataType.FLOAT, 0.5, 1, 1, 5, 5);
            img.value().putScalar(new long[] {0, 0, 4, 4}, bad);
            refused(() -> new Conv2d(1, 2, 3).forward(img), "Conv2d(1, 2, k=3)", "non-finite");
            Tensor spikes = filled(DataType.FLOAT, 1, 2, 4);
            spikes.value().putScalar(new long[] {0, 1}, bad);
            refused(() -> new STDPLinear(4, 3, new LIF()).forward(spikes), "STDPLinear", "non-finite");
        }
    }

    @Test
    void finiteInputsStillWork() {
        Linear linear = new Linear(4, 3, true, false, new Random(1));
        Tensor y = linear.forward(filled(DataType.FLOAT, 0.25, 2, 4));
        assertEquals(2, y.size(0));
        Tensor seq = filled(DataType.FLOAT, 3.0, 3, 2, 4);
        Tensor spikes = new Temporal(LIF.builder().spikingFunction(new Polynomial()).trainable(true).build())
                .forward(seq);
        assertEquals(24, spikes.length());
        assertEquals(-1, InputChecks.firstNonFinite(Nd4j.create(new float[] {1e38f, -1e38f, 0f})));
        assertEquals(2, InputChecks.firstNonFinite(Nd4j.create(new double[] {1, 2, Double.NaN})));
    }

    @Test
    void largeArraysAreCheckedExactlyEvenWhenTheirSumOverflows() {
        // 2^17 elements: above the size from which a native sum screens the array first
        float[] big = new float[1 << 17];
        java.util.Arrays.fill(big, 3e38f);
        assertEquals(-1, InputChecks.firstNonFinite(Nd4j.create(big)), "finite values whose sum overflows");
        big[100_000] = Float.NaN;
        assertEquals(100_000, InputChecks.firstNonFinite(Nd4j.create(big)));
        big[100_000] = 0f;
        big[70_001] = Float.NEGATIVE_INFINITY;
        assertEquals(70_001, InputChecks.firstNonFinite(Nd4j.create(big)));
        double[] wide = new double[1 << 17];
        wide[5] = Double.POSITIVE_INFINITY;
        wide[9] = Double.NEGATIVE_INFINITY;
        assertEquals(5, InputChecks.firstNonFinite(Nd4j.create(wide)), "infinities that cancel in a sum");
    }
}

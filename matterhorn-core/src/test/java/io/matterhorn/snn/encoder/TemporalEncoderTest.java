package io.matterhorn.snn.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.StepMode;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** TemporalEncoder: latency coding with thinning, golden values of 1.0.1, counter and randomness. */
class TemporalEncoderTest {
    private static final float[] GOLDEN_INPUT = {0f, 0.2f, 0.5f, 0.99f, 1.0f};

    private static TemporalEncoder deterministic(int steps, boolean resetAfterProcess) {
        return TemporalEncoder.builder(steps).prob(1.0).resetAfterProcess(resetAfterProcess).seed(0L).build();
    }

    private static Tensor goldenInput() {
        return Tensor.of(Nd4j.create(GOLDEN_INPUT, 1, 5));
    }

    @Test
    void goldenValuesOfSpec19_4() {
        Tensor y = deterministic(5, true).forward(goldenInput());
        assertArrayEquals(new long[] {5, 1, 5}, y.shape());
        float[][] expected = {
            {1, 0, 0, 0, 0},
            {1, 1, 0, 0, 0},
            {1, 1, 0, 0, 0},
            {1, 1, 1, 0, 0},
            {1, 1, 1, 0, 0},
        };
        float[] got = y.toFloatArray();
        for (int t = 0; t < 5; t++) {
            assertArrayEquals(expected[t], Arrays.copyOfRange(got, 5 * t, 5 * t + 5), 0f, "step " + t);
        }
        assertTrue(y.isSpikeValued());
        assertEquals(DataType.FLOAT, y.dataType());
    }

    @Test
    void largerValuesFireLaterAndTheMaximumNeverFires() {
        Tensor y = deterministic(8, true).forward(Tensor.of(Nd4j.create(new float[] {0.125f, 0.5f, 1f}, 3)));
        float[] v = y.toFloatArray();
        int[] first = {-1, -1, -1};
        for (int t = 7; t >= 0; t--) {
            for (int i = 0; i < 3; i++) {
                if (v[3 * t + i] == 1f) {
                    first[i] = t;
                }
            }
        }
        assertArrayEquals(new int[] {1, 4, -1}, first);
    }

    @Test
    void scalesWithMinAndMax() {
        // min -1, max 3: x = 1 gives v = 0.5 T = 2 at T = 4
        TemporalEncoder enc = TemporalEncoder.builder(4).maxValue(3.0).minValue(-1.0).prob(1.0).seed(0L).build();
        float[] v = enc.forward(Tensor.of(Nd4j.create(new float[] {1f}, 1))).toFloatArray();
        assertArrayEquals(new float[] {0, 0, 1, 1}, v, 0f);
    }

    @Test
    void counterResetsAfterEachCallByDefault() {
        TemporalEncoder enc = deterministic(5, true);
        float[] a = enc.forward(goldenInput()).toFloatArray();
        assertEquals(0, enc.currentTimeStep());
        float[] b = enc.forward(goldenInput()).toFloatArray();
        assertArrayEquals(a, b, 0f);
    }

    @Test
    void counterCarriesOverWithoutResetAndResetClearsIt() {
        TemporalEncoder enc = deterministic(5, false);
        enc.forward(goldenInput());
        assertEquals(5, enc.currentTimeStep());
        // second call: steps 5..9, so v = 0.99 * 5 = 4.95 and v = 5 fire from its first step on
        float[] second = enc.forward(goldenInput()).toFloatArray();
        assertEquals(10, enc.currentTimeStep());
        for (float s : second) {
            assertEquals(1f, s, 0f);
        }
        enc.reset();
        assertEquals(0, enc.currentTimeStep());
        assertArrayEquals(deterministic(5, true).forward(goldenInput()).toFloatArray(),
                enc.forward(goldenInput()).toFloatArray(), 0f);
    }

    @Test
    void thinningFiresWithProbabilityProb() {
        TemporalEncoder enc = TemporalEncoder.builder(20).prob(0.75).seed(42L).build();
        Tensor y = enc.forward(Tensor.of(Nd4j.zeros(DataType.FLOAT, 50, 100)));
        double rate = y.value().meanNumber().doubleValue();
        // 100,000 Bernoulli(0.75) draws: standard deviation 0.0014
        assertEquals(0.75, rate, 0.007);
        float[] v = y.toFloatArray();
        for (float s : v) {
            assertTrue(s == 0f || s == 1f);
        }
    }

    @Test
    void sameSeedSameSpikesDifferentSeedDifferentSpikes() {
        Tensor x = Tensor.of(Nd4j.rand(DataType.FLOAT, 8, 30));
        float[] a = new TemporalEncoder(16, 7L).forward(x).toFloatArray();
        float[] b = new TemporalEncoder(16, 7L).forward(x).toFloatArray();
        float[] c = new TemporalEncoder(16, 8L).forward(x).toFloatArray();
        assertArrayEquals(a, b, 0f);
        assertFalse(Arrays.equals(a, c));
        TemporalEncoder twice = new TemporalEncoder(16, 7L);
        twice.forward(x);
        assertFalse(Arrays.equals(a, twice.forward(x).toFloatArray()), "each call draws new random numbers");
    }

    @Test
    void oneStepStillHasATimeAxis() {
        Tensor y = deterministic(1, true).forward(Tensor.of(Nd4j.zeros(DataType.FLOAT, 3, 2)));
        assertArrayEquals(new long[] {1, 3, 2}, y.shape());
    }

    @Test
    void doubleInputIsAccepted() {
        INDArray x = Nd4j.create(new double[] {0.0, 0.5, 1.0}, new long[] {1, 3}, 'c');
        float[] v = deterministic(4, true).forward(Tensor.of(x)).toFloatArray();
        assertArrayEquals(new float[] {1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0}, v, 0f);
    }

    @Test
    void readsViewsWithAnOffset() {
        INDArray big = Nd4j.create(new double[] {9, 9, 9, 0.0, 0.5, 1.0, 9, 9, 9}, new long[] {3, 3}, 'c');
        INDArray row = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        float[] expected = {1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0};
        assertArrayEquals(expected, deterministic(4, true).forward(Tensor.of(row)).toFloatArray(), 0f);
        assertArrayEquals(expected,
                deterministic(4, true).forward(Tensor.of(row.castTo(DataType.FLOAT))).toFloatArray(), 0f);
    }

    @Test
    void outputCarriesNoGradient() {
        Tensor x = Tensor.variable(Nd4j.rand(DataType.FLOAT, 2, 3));
        assertFalse(deterministic(4, true).forward(x).requiresGrad());
    }

    @Test
    void rejectsBadParametersAndInput() {
        assertThrows(IllegalArgumentException.class, () -> new TemporalEncoder(0, 1L));
        assertThrows(IllegalArgumentException.class, () -> TemporalEncoder.builder(4).minValue(1.0).prob(0.5)
                .seed(1L).build());
        IllegalArgumentException prob = assertThrows(IllegalArgumentException.class,
                () -> TemporalEncoder.builder(4).prob(1.5).seed(1L).build());
        assertTrue(prob.getMessage().contains("prob"), prob.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TemporalEncoder.builder(4).prob(Double.NaN)
                .seed(1L).build());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new TemporalEncoder(4, 1L).forward(Tensor.of(Nd4j.create(new float[] {0f, Float.NaN}, 1, 2))));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new TemporalEncoder(4, 1L).forward(Tensor.of(Nd4j.scalar(0.5f))));
    }

    @Test
    void isMultiStepOnly() {
        TemporalEncoder enc = new TemporalEncoder(4, 1L);
        assertFalse(enc.setStepMode(StepMode.SINGLE));
        assertTrue(enc.isMultiStep());
    }
}

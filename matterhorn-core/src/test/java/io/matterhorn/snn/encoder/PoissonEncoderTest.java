package io.matterhorn.snn.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Rate coding: p = (x - min) / (max - min), one Bernoulli draw per element and step. */
class PoissonEncoderTest {

    private static Tensor filled(double v, long... shape) {
        return Tensor.of(Nd4j.valueArrayOf(shape, v, DataType.FLOAT));
    }

    @Test
    void outputShapeTypeAndBinaryValues() {
        Nd4j.getRandom().setSeed(1);
        Tensor x = Tensor.of(Nd4j.rand(DataType.FLOAT, 3, 2, 4, 5));
        Tensor s = new PoissonEncoder(6, 11L).forward(x);
        assertArrayEquals(new long[] {6, 3, 2, 4, 5}, s.shape());
        assertEquals(DataType.FLOAT, s.dataType());
        assertTrue(s.isSpikeValued());
        assertFalse(s.requiresGrad());
        for (float v : s.toFloatArray()) {
            assertTrue(v == 0f || v == 1f, "value " + v);
        }
    }

    @Test
    void sameSeedGivesTheSameSpikesAndDifferentSeedsDiffer() {
        Tensor x = filled(0.5, 4, 50);
        float[] a = new PoissonEncoder(8, 123L).forward(x).toFloatArray();
        float[] b = new PoissonEncoder(8, 123L).forward(x).toFloatArray();
        float[] c = new PoissonEncoder(8, 124L).forward(x).toFloatArray();
        assertArrayEquals(a, b, 0f);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void consecutiveCallsDrawFreshSpikes() {
        PoissonEncoder enc = new PoissonEncoder(8, 5L);
        Tensor x = filled(0.5, 4, 50);
        assertFalse(Arrays.equals(enc.forward(x).toFloatArray(), enc.forward(x).toFloatArray()));
    }

    @Test
    void firingRateMatchesTheProbability() {
        int t = 50;
        int n = 4000;
        for (double p : new double[] {0.1, 0.5, 0.9}) {
            float[] s = new PoissonEncoder(t, 77L).forward(filled(p, 2, n / 2)).toFloatArray();
            double count = 0;
            for (float v : s) {
                count += v;
            }
            double samples = (double) t * n;
            double sigma = Math.sqrt(samples * p * (1 - p));
            assertEquals(p * samples, count, 4 * sigma, "rate for p = " + p);
        }
    }

    @Test
    void rangeIsMappedToProbabilities() {
        // with min 2 and max 4, the value 3 fires half the time and the bounds never / always
        PoissonEncoder enc = new PoissonEncoder(40, 4.0, 2.0, 9L);
        float[] s = enc.forward(Tensor.of(Nd4j.create(new float[] {2f, 3f, 4f}, new long[] {1, 3}, 'c')))
                .toFloatArray();
        int[] counts = new int[3];
        for (int k = 0; k < s.length; k++) {
            counts[k % 3] += (int) s[k];
        }
        assertTrue(counts[0] <= 1, "min value fires with probability 2^-24, got " + counts[0]);
        assertTrue(counts[1] > 8 && counts[1] < 32, "middle value fired " + counts[1] + " of 40");
        assertEquals(40, counts[2]);
    }

    @Test
    void probabilitiesOutsideTheUnitIntervalAreNotClamped() {
        Tensor x = Tensor.of(Nd4j.create(new float[] {1f, 1.5f, -0.1f, -3f}, new long[] {1, 4}, 'c'));
        float[] s = new PoissonEncoder(100, 3L).forward(x).toFloatArray();
        for (int k = 0; k < s.length; k++) {
            float expected = k % 4 < 2 ? 1f : 0f;
            assertEquals(expected, s[k], 0f, "step " + k / 4 + " element " + k % 4);
        }
    }

    @Test
    void oneTimeStepStillHasATimeAxis() {
        Tensor s = new PoissonEncoder(1, 3L).forward(filled(1.0, 2, 3));
        assertArrayEquals(new long[] {1, 2, 3}, s.shape());
    }

    @Test
    void invalidInputAndSettingsAreRejected() {
        Tensor nan = Tensor.of(Nd4j.create(new float[] {0.2f, Float.NaN}, new long[] {1, 2}, 'c'));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PoissonEncoder(4, 1L).forward(nan));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        // a large input is screened in parallel pieces; the message still names the first NaN
        float[] big = new float[4 * 40_000];
        big[70_001] = Float.NaN;
        big[150_000] = Float.NaN;
        Tensor bigNan = Tensor.of(Nd4j.create(big, new long[] {4, 40_000}, 'c'));
        IllegalArgumentException first = assertThrows(IllegalArgumentException.class,
                () -> new PoissonEncoder(2, 1L).forward(bigNan));
        assertTrue(first.getMessage().contains("flat index 70001"), first.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PoissonEncoder(4, 1.0, 1.0, 1L));
        assertThrows(IllegalArgumentException.class, () -> new PoissonEncoder(4, 0.0, 1.0, 1L));
        assertThrows(IllegalArgumentException.class, () -> new PoissonEncoder(4, Double.NaN, 0.0, 1L));
        assertThrows(IllegalArgumentException.class, () -> new PoissonEncoder(0, 1L));
    }

    @Test
    void sparseFormDescribesTheSameSpikes() {
        Nd4j.getRandom().setSeed(4);
        Tensor s = new PoissonEncoder(5, 21L).forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 3, 7)));
        var sparse = s.sparseRows();
        float[] dense = s.toFloatArray();
        float[] rebuilt = new float[dense.length];
        for (int r = 0; r < sparse.rows(); r++) {
            for (int k = sparse.rowStart()[r]; k < sparse.rowStart()[r + 1]; k++) {
                rebuilt[r * sparse.cols() + sparse.columns()[k]] = 1f;
            }
        }
        assertArrayEquals(dense, rebuilt, 0f);
    }

    @Test
    void mostlyZeroInputFiresAtTheRatesOfItsNonZeroElements() {
        // MNIST-like: 80% zeros, the rest at 0.25, 1.0 (always) and above 1; zeros fire with probability 2^-24
        int t = 64;
        int n = 2000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 10 == 0 ? 0.25f : i % 10 == 1 ? 1f : i % 10 == 2 ? 1.7f : 0f;
        }
        Tensor s = new PoissonEncoder(t, 31L).forward(Tensor.of(Nd4j.create(x, new long[] {4, n / 4}, 'c')));
        float[] v = s.toFloatArray();
        double quarter = 0;
        int always = 0;
        int zeros = 0;
        for (int k = 0; k < v.length; k++) {
            int i = k % n;
            if (x[i] == 0.25f) {
                quarter += v[k];
            } else if (x[i] >= 1f) {
                always += (int) v[k];
            } else {
                zeros += (int) v[k];
            }
        }
        double draws = t * n / 10.0;
        assertEquals(0.25 * draws, quarter, 4 * Math.sqrt(draws * 0.25 * 0.75));
        assertEquals(t * n / 5, always);
        assertTrue(zeros <= 1, "zeros fired " + zeros + " times in " + t * n * 7 / 10 + " element-steps");
        var sparse = s.sparseRows();
        assertEquals(Math.round(quarter) + always + zeros, sparse.nonZeros());
        for (int r = 0; r < sparse.rows(); r++) {
            for (int k = sparse.rowStart()[r] + 1; k < sparse.rowStart()[r + 1]; k++) {
                assertTrue(sparse.columns()[k - 1] < sparse.columns()[k], "columns ascending within a row");
            }
        }
    }
}

package io.matterhorn.snn.synapse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.StepMode;
import io.matterhorn.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** BatchNorm1d/2d/3d and LayerNorm modules: time folding, running statistics, modes, state and input errors. */
class NormModulesTest {

    private static INDArray random(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, shape).muli(3).subi(1);
    }

    private static double[] doubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    @Test
    void multiStepBatchNormUsesStatisticsOverAllTimeStepsAndSamples() {
        INDArray x = random(1, 3, 4, 2, 5, 5);              // [T, B, C, H, W]
        BatchNorm2d multi = new BatchNorm2d(2, 1e-5, 0.1, true, true, true);
        BatchNorm2d single = new BatchNorm2d(2);
        Tensor ym = multi.forward(Tensor.of(x));
        Tensor ys = single.forward(Tensor.of(x.reshape(12, 2, 5, 5)));
        assertArrayEquals(new long[] {3, 4, 2, 5, 5}, ym.shape());
        assertArrayEquals(ys.toFloatArray(), ym.toFloatArray(), 0f);
        assertArrayEquals(doubles(single.runningMean()), doubles(multi.runningMean()), 0);
        assertArrayEquals(doubles(single.runningVar()), doubles(multi.runningVar()), 0);
        // one shared module: each channel of the output has mean 0 and variance 1 over T*B*H*W values
        INDArray perChannel = ym.value().permute(2, 0, 1, 3, 4).dup('c').reshape(2, -1);
        for (int c = 0; c < 2; c++) {
            INDArray row = perChannel.getRow(c);
            assertEquals(0, row.meanNumber().doubleValue(), 1e-5);
            assertEquals(1, row.varNumber().doubleValue() * (row.length() - 1) / row.length(), 1e-3);
        }
    }

    @Test
    void runningStatisticsFollowMomentumWithUnbiasedVarianceAndEvalUsesThem() {
        INDArray x = random(2, 2, 3, 4);                   // [B, C, L], 8 values per channel
        BatchNorm1d bn = new BatchNorm1d(3);
        bn.forward(Tensor.of(x));
        INDArray perChannel = x.permute(1, 0, 2).dup('c').reshape(3, -1);
        double[] mean = doubles(perChannel.mean(1));
        double[] unbiased = doubles(perChannel.var(true, 1));
        for (int c = 0; c < 3; c++) {
            assertEquals(0.1 * mean[c], bn.runningMean().getDouble(c), 1e-6);
            assertEquals(0.9 + 0.1 * unbiased[c], bn.runningVar().getDouble(c), 1e-6);
        }
        assertEquals(1, bn.numBatchesTracked());
        bn.forward(Tensor.of(x));
        assertEquals(2, bn.numBatchesTracked());
        for (int c = 0; c < 3; c++) {
            assertEquals(0.19 * mean[c], bn.runningMean().getDouble(c), 1e-6);
        }
        // evaluation: (x - running_mean) / sqrt(running_var + eps), statistics unchanged
        bn.eval();
        double[] rm = doubles(bn.runningMean());
        double[] rv = doubles(bn.runningVar());
        double[] y = bn.forward(Tensor.of(x)).toDoubleArray();
        double[] xv = doubles(x);
        for (int i = 0; i < xv.length; i++) {
            int c = (i / 4) % 3;
            assertEquals((xv[i] - rm[c]) / Math.sqrt(rv[c] + 1e-5), y[i], 1e-5);
        }
        assertArrayEquals(rm, doubles(bn.runningMean()), 0);
        assertEquals(2, bn.numBatchesTracked());
        bn.train();
        bn.forward(Tensor.of(x));
        assertEquals(3, bn.numBatchesTracked());
    }

    @Test
    void cumulativeAverageAndUntrackedStatistics() {
        INDArray a = random(3, 4, 2);
        INDArray b = random(4, 4, 2);
        BatchNorm1d cumulative = new BatchNorm1d(2, 1e-5, null, true, true);
        cumulative.forward(Tensor.of(a));
        cumulative.forward(Tensor.of(b));
        double[] expected = doubles(a.mean(0).add(b.mean(0)).div(2));
        assertArrayEquals(expected, doubles(cumulative.runningMean()), 1e-6);
        BatchNorm1d untracked = new BatchNorm1d(2, 1e-5, 0.1, false, false);
        assertNull(untracked.runningMean());
        assertEquals(List.of(), List.copyOf(untracked.namedParameters().keySet()));
        assertEquals(List.of(), List.copyOf(untracked.namedBuffers().keySet()));
        untracked.eval();
        double[] y = untracked.forward(Tensor.of(a)).toDoubleArray();   // batch statistics even in eval mode
        double sum = 0;
        for (int i = 0; i < y.length; i += 2) {
            sum += y[i];
        }
        assertEquals(0, sum, 1e-5);
    }

    @Test
    void stateIsListedButOnlyTheAffineParametersTrain() {
        BatchNorm3d bn = new BatchNorm3d(4);
        assertEquals(List.of("weight", "bias"), List.copyOf(bn.namedParameters().keySet()));
        assertEquals(List.of("running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(bn.namedBuffers().keySet()));
        assertEquals(List.of(bn.weight(), bn.bias()), bn.trainableParameters());
        assertEquals("BatchNorm3d(4, eps=1.0E-5, momentum=0.1, affine=True, track_running_stats=True)",
                bn.toString());
        bn.setStepMode(StepMode.MULTI);
        Tensor x = Tensor.variable(random(5, 2, 2, 4, 2, 3, 3));
        Tensor y = bn.forward(x);
        y.mul(y).sum().backward();
        assertArrayEquals(new long[] {4}, bn.weight().grad().shape());
        assertArrayEquals(x.shape(), x.grad().shape());
    }

    @Test
    void batchNormInputErrorsNameTheModule() {
        BatchNorm2d bn = new BatchNorm2d(3, 1e-5, 0.1, true, true, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bn.forward(Tensor.of(random(1, 2, 2, 3, 4))));
        assertEquals("BatchNorm2d(3): expected input [T, B, 3, H, W], got [2, 2, 3, 4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.of(random(1, 2, 2, 4, 4, 4))));
        assertEquals("BatchNorm2d(3): expected input [T, B, 3, H, W], got [2, 2, 4, 4, 4]", e.getMessage());
        BatchNorm1d bn1 = new BatchNorm1d(3);
        e = assertThrows(IllegalArgumentException.class, () -> bn1.forward(Tensor.of(random(1, 2, 4))));
        assertEquals("BatchNorm1d(3): expected input [B, 3] or [B, 3, L], got [2, 4]", e.getMessage());
        INDArray nan = random(1, 2, 3);
        nan.putScalar(1, Float.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> bn1.forward(Tensor.of(nan)));
        assertTrue(e.getMessage().startsWith("BatchNorm1d(3): ") && e.getMessage().contains("NaN"), e.getMessage());
        assertEquals(0, bn1.numBatchesTracked());
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(0));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(2, 0, 0.1, true, true));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(2, 1e-5, 1.5, true, true));
    }

    @Test
    void layerNormNormalisesEachSampleAndTimeStep() {
        LayerNorm ln = new LayerNorm(new int[] {2, 3}, 1e-5, true, true);
        INDArray x = random(6, 4, 5, 2, 3);                  // [T, B, 2, 3]
        ln.load(Nd4j.create(new float[] {1, 2, 3, 1, 2, 3}, new long[] {2, 3}, 'c'), null);
        Tensor y = ln.forward(Tensor.of(x));
        assertArrayEquals(x.shape(), y.shape());
        LayerNorm plain = new LayerNorm(new int[] {2, 3}, 1e-5, false);
        assertEquals(List.of(), plain.parameters());
        INDArray rows = plain.forward(Tensor.of(x.reshape(20, 2, 3))).value().reshape(20, 6);
        for (int r = 0; r < 20; r++) {
            assertEquals(0, rows.getRow(r).meanNumber().doubleValue(), 1e-5);
        }
        double[] scaled = y.toDoubleArray();
        double[] unit = doubles(rows);
        for (int i = 0; i < unit.length; i++) {
            assertEquals(unit[i] * (1 + (i % 3)), scaled[i], 1e-5);
        }
        assertEquals("LayerNorm((2, 3), eps=1.0E-5, elementwise_affine=True) [multi-step]", ln.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ln.forward(Tensor.of(random(1, 4, 5, 3, 2))));
        assertEquals("LayerNorm((2, 3)): expected input [T, B, ..., 2, 3], got [4, 5, 3, 2]", e.getMessage());
        assertFalse(new LayerNorm(4).weight() == null);
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(new int[0], 1e-5, true));
    }
}

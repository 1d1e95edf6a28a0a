package io.matterhorn.snn.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.StepMode;
import io.matterhorn.tensor.GradientCheck;
import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** MinTimeDecoder and AvgTimeDecoder: golden values of 1.0.1, counters, gradients, errors. */
class TimeDecoderTest {
    /** 1.0.1's reference example: x [T = 4, 3] with rows [0,0,1], [1,0,1], [0,0,1], [1,0,0]. */
    private static Tensor golden() {
        return Tensor.of(Nd4j.create(new float[] {0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0}, 4, 3));
    }

    @Test
    void sumAndAverageSpikeGoldenValues() {
        assertArrayEquals(new float[] {2, 0, 3}, new SumSpikeDecoder().forward(golden()).toFloatArray(), 0f);
        assertArrayEquals(new float[] {0.5f, 0, 0.75f}, new AvgSpikeDecoder().forward(golden()).toFloatArray(),
                1e-7f);
    }

    @Test
    void minTimeGoldenValues() {
        Tensor y = new MinTimeDecoder().forward(golden());
        assertArrayEquals(new long[] {3}, y.shape());
        assertArrayEquals(new float[] {1, -1, 0}, y.toFloatArray(), 0f);
        assertEquals(DataType.FLOAT, y.dataType());
    }

    @Test
    void avgTimeGoldenValuesKeep101Formula() {
        Tensor y = new AvgTimeDecoder().forward(golden());
        assertArrayEquals(new float[] {0.25f, -1f, 0.1875f}, y.toFloatArray(), 1e-7f);
    }

    @Test
    void keepBatchAndFeatureShape() {
        Tensor x = Tensor.of(Nd4j.zeros(DataType.FLOAT, 6, 2, 3, 4));
        assertArrayEquals(new long[] {2, 3, 4}, new MinTimeDecoder().forward(x).shape());
        assertArrayEquals(new long[] {2, 3, 4}, new AvgTimeDecoder().forward(x).shape());
    }

    @Test
    void minTimeCountsAnyPositiveValueAsASpike() {
        Tensor x = Tensor.of(Nd4j.create(new float[] {0, -2, 0.3f, 5, 0.1f, 0}, 3, 2));
        assertArrayEquals(new float[] {1, 1}, new MinTimeDecoder().forward(x).toFloatArray(), 0f);
    }

    @Test
    void countersAddTPerCallWithoutResetAndResetClearsThem() {
        MinTimeDecoder min = new MinTimeDecoder(false);
        AvgTimeDecoder avg = new AvgTimeDecoder(false);
        min.forward(golden());
        avg.forward(golden());
        assertEquals(4, min.currentTimeStep());
        assertEquals(4, avg.currentTimeStep());
        // second call: times count on from 4; a silent neuron stays -1 for MinTime, AvgTime adds the counter
        assertArrayEquals(new float[] {5, -1, 4}, min.forward(golden()).toFloatArray(), 0f);
        assertArrayEquals(new float[] {4.25f, 3f, 4.1875f}, avg.forward(golden()).toFloatArray(), 1e-6f);
        assertEquals(8, min.currentTimeStep());
        assertEquals(8, avg.currentTimeStep());
        min.reset();
        avg.reset();
        assertEquals(0, min.currentTimeStep());
        assertEquals(0, avg.currentTimeStep());
        assertArrayEquals(new float[] {1, -1, 0}, min.forward(golden()).toFloatArray(), 0f);
    }

    @Test
    void countersStayZeroWithResetAfterProcess() {
        MinTimeDecoder min = new MinTimeDecoder();
        AvgTimeDecoder avg = new AvgTimeDecoder();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(new float[] {1, -1, 0}, min.forward(golden()).toFloatArray(), 0f);
            assertArrayEquals(new float[] {0.25f, -1f, 0.1875f}, avg.forward(golden()).toFloatArray(), 1e-7f);
            assertEquals(0, min.currentTimeStep());
            assertEquals(0, avg.currentTimeStep());
        }
    }

    @Test
    void avgTimeGradientIsTimeOverTSquared() {
        INDArray x = GradientCheck.randomWeights(new long[] {5, 3, 2}, 11);
        GradientCheck.checkOp("AvgTimeDecoder", xs -> new AvgTimeDecoder().forward(xs.get(0)), x);
        Tensor v = Tensor.variable(Nd4j.ones(DataType.DOUBLE, 4, 1));
        new AvgTimeDecoder().forward(v).sum().backward();
        assertArrayEquals(new double[] {0, 1 / 16.0, 2 / 16.0, 3 / 16.0}, v.grad().data().asDouble(), 1e-12);
    }

    @Test
    void avgTimeKeepsDoublePrecision() {
        INDArray x = Nd4j.create(new double[] {0, 1, 1, 0}, new long[] {4, 1}, 'c');
        Tensor y = new AvgTimeDecoder().forward(Tensor.of(x));
        assertEquals(DataType.DOUBLE, y.dataType());
        assertEquals(3.0 / 16, y.value().getDouble(0), 1e-15);
    }

    @Test
    void minTimeReadsViewsWithAnOffset() {
        // rows 2..5 of a bigger double array: a view whose buffer starts before it
        INDArray big = Nd4j.create(new double[] {9, 9, 9, 9, 9, 9, 0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 9, 9, 9},
                new long[] {7, 3}, 'c');
        INDArray view = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 6),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertArrayEquals(new float[] {1, -1, 0}, new MinTimeDecoder().forward(Tensor.of(view)).toFloatArray(), 0f);
        assertArrayEquals(new float[] {1, -1, 0},
                new MinTimeDecoder().forward(Tensor.of(view.castTo(DataType.FLOAT))).toFloatArray(), 0f);
    }

    @Test
    void minTimeIsAConstant() {
        Tensor x = Tensor.variable(Nd4j.ones(DataType.FLOAT, 3, 2));
        assertFalse(new MinTimeDecoder().forward(x).requiresGrad());
    }

    @Test
    void rejectInputWithoutTimeAxis() {
        Tensor flat = Tensor.of(Nd4j.ones(DataType.FLOAT, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MinTimeDecoder().forward(flat));
        assertTrue(e.getMessage().contains("MinTimeDecoder") && e.getMessage().contains("[T, B, ...]"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AvgTimeDecoder().forward(flat));
    }

    @Test
    void areMultiStepOnly() {
        assertFalse(new MinTimeDecoder().setStepMode(StepMode.SINGLE));
        assertFalse(new AvgTimeDecoder().setStepMode(StepMode.SINGLE));
    }
}

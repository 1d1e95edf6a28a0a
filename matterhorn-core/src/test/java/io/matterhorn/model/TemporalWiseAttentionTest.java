package io.matterhorn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.tensor.RowScaling;
import io.matterhorn.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TemporalWiseAttentionTest {

    @Test
    void trainingModeScalesByLearnedFactorsAndTrainsBothLayers() {
        TemporalWiseAttention ta = new TemporalWiseAttention(8, 2, 0.5, new Random(3));
        Nd4j.getRandom().setSeed(5);
        Tensor x = Tensor.variable(Nd4j.rand(DataType.FLOAT, 8, 3, 2, 4));
        Tensor y = ta.forward(x);
        assertArrayEquals(x.shape(), y.shape());
        y.sum().backward();
        assertNotNull(ta.namedParameters().get("fc1.weight").grad());
        assertNotNull(ta.namedParameters().get("fc2.weight").grad());
        assertArrayEquals(new long[] {4, 8}, ta.namedParameters().get("fc1.weight").shape());
        // each (t, b) block is x times one factor in (0, 1)
        float[] xv = x.toFloatArray();
        float[] yv = y.toFloatArray();
        for (int block = 0; block < 24; block++) {
            float ratio = yv[block * 8] / xv[block * 8];
            assertTrue(ratio > 0 && ratio < 1, "factor " + ratio);
            for (int k = 1; k < 8; k++) {
                assertEquals(ratio, yv[block * 8 + k] / xv[block * 8 + k], 1e-5);
            }
        }
    }

    @Test
    void evaluationModeAppliesABinaryMask() {
        TemporalWiseAttention ta = new TemporalWiseAttention(6, 3, 0.5, new Random(1));
        ta.eval();
        Tensor x = Tensor.of(Nd4j.rand(DataType.FLOAT, 6, 2, 5).addi(0.1));
        float[] xv = x.toFloatArray();
        float[] yv = ta.forward(x).toFloatArray();
        for (int i = 0; i < xv.length; i++) {
            assertTrue(yv[i] == 0f || yv[i] == xv[i], "masked value " + yv[i] + " from " + xv[i]);
        }
        ta.reset(); // no-op, must not throw (1.0.1 crashed)
    }

    @Test
    void rejectsWrongTimeDimension() {
        TemporalWiseAttention ta = new TemporalWiseAttention(4, 2, 0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ta.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 5, 2, 3))));
        assertTrue(e.getMessage().contains("[4, B, ...]"), e.getMessage());
    }

    @Test
    void rowScalingGradientMatchesFiniteDifferences() {
        Nd4j.getRandom().setSeed(11);
        INDArray xv = Nd4j.rand(DataType.DOUBLE, 3, 2, 4);
        INDArray dv = Nd4j.rand(DataType.DOUBLE, 3, 2);
        INDArray w = Nd4j.rand(DataType.DOUBLE, 3, 2, 4);
        Tensor x = Tensor.variable(xv);
        Tensor d = Tensor.variable(dv);
        RowScaling.scale(x, d).mul(Tensor.of(w)).sum().backward();
        double eps = 1e-6;
        for (INDArray[] pair : new INDArray[][] {{xv, x.grad()}, {dv, d.grad()}}) {
            INDArray v = pair[0];
            for (int i = 0; i < v.length(); i++) {
                double old = v.getDouble(i);
                v.putScalar(i, old + eps);
                double up = RowScaling.scale(Tensor.of(xv), Tensor.of(dv)).mul(Tensor.of(w)).sum().item();
                v.putScalar(i, old - eps);
                double down = RowScaling.scale(Tensor.of(xv), Tensor.of(dv)).mul(Tensor.of(w)).sum().item();
                v.putScalar(i, old);
                assertEquals((up - down) / (2 * eps), pair[1].getDouble(i), 1e-7);
            }
        }
    }

    @Test
    void residualConnections() {
        Tensor a = Tensor.of(Nd4j.createFromArray(new float[] {0, 1, 0, 1}));
        Tensor s = Tensor.of(Nd4j.createFromArray(new float[] {0, 0, 1, 1}));
        assertArrayEquals(new float[] {0, 1, 1, 2}, ResidualConnection.ADD.apply(a, s).toFloatArray());
        assertArrayEquals(new float[] {0, 0, 0, 1}, ResidualConnection.AND.apply(a, s).toFloatArray());
        assertArrayEquals(new float[] {0, 0, 1, 0}, ResidualConnection.IAND.apply(a, s).toFloatArray());
    }
}

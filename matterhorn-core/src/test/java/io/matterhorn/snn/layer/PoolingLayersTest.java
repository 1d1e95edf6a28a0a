package io.matterhorn.snn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.StepMode;
import io.matterhorn.tensor.PoolSpec;
import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Pooling layers and Unflatten: golden values of 1.0.1, binarisation, time folding and input errors. */
class PoolingLayersTest {

    private static Tensor window(float... v) {
        return Tensor.of(Nd4j.create(v, new long[] {1, 1, 2, 2}, 'c'));
    }

    @Test
    void goldenAveragePoolOnSpikes() {
        AvgPool2d pool = new AvgPool2d(2);
        assertArrayEquals(new float[] {1}, pool.forward(window(1, 0, 0, 1)).toFloatArray(), 0f);
        assertArrayEquals(new float[] {0}, pool.forward(window(1, 0, 0, 0)).toFloatArray(), 0f);
        assertArrayEquals(new float[] {1}, pool.forward(window(1, 1, 0, 0)).toFloatArray(), 0f);
        assertTrue(pool.forward(window(1, 1, 0, 0)).isSpikeValued());
    }

    @Test
    void outputsAreBinarisedWithStraightThroughGradient() {
        // analog input: max 0.4 becomes 0, average 0.55 becomes 1
        Tensor x = Tensor.variable(Nd4j.create(new float[] {0.4f, 0.3f, 0.9f, 0.9f, 0.1f, 0.3f, 0.1f, 0.1f},
                new long[] {1, 1, 2, 4}, 'c'));
        Tensor max = new MaxPool2d(2).forward(x);
        assertArrayEquals(new float[] {0, 1}, max.toFloatArray(), 0f);
        max.mul(Tensor.of(Nd4j.create(new float[] {2, 3}, new long[] {1, 1, 1, 2}, 'c'))).sum().backward();
        // the gradient passes the threshold unchanged and goes to each window's maximum
        assertArrayEquals(new float[] {2, 0, 3, 0, 0, 0, 0, 0}, x.grad().dup('c').data().asFloat(), 0f);
        Tensor avg = new AvgPool2d(2, 2).forward(Tensor.of(x.value()));
        assertArrayEquals(new float[] {0, 1}, avg.toFloatArray(), 0f);
    }

    @Test
    void multiStepShapesForEveryDimension() {
        Tensor x1 = Tensor.of(Nd4j.ones(DataType.FLOAT, 3, 2, 4, 9));
        MaxPool1d m1 = new MaxPool1d(3, 2, 1);
        m1.setStepMode(StepMode.MULTI);
        assertArrayEquals(new long[] {3, 2, 4, 5}, m1.forward(x1).shape());
        AvgPool1d a1 = new AvgPool1d(PoolSpec.of(1, 2).ceilMode(true), true);
        assertArrayEquals(new long[] {3, 2, 4, 5}, a1.forward(x1).shape());
        Tensor x2 = Tensor.of(Nd4j.ones(DataType.FLOAT, 3, 2, 4, 6, 5));
        AvgPool2d a2 = new AvgPool2d(PoolSpec.of(2, 2, 3), true);
        assertArrayEquals(new long[] {3, 2, 4, 3, 1}, a2.forward(x2).shape());
        MaxPool2d m2 = new MaxPool2d(PoolSpec.of(2, 3).stride(2).padding(1).ceilMode(true), true);
        assertArrayEquals(new long[] {3, 2, 4, 4, 3}, m2.forward(x2).shape());
        Tensor x3 = Tensor.of(Nd4j.ones(DataType.FLOAT, 2, 1, 2, 4, 4, 4));
        assertArrayEquals(new long[] {2, 1, 2, 2, 2, 2}, new MaxPool3d(PoolSpec.of(3, 2), true).forward(x3).shape());
        assertArrayEquals(new long[] {2, 1, 2, 2, 2, 2}, new AvgPool3d(PoolSpec.of(3, 2), true).forward(x3).shape());
        // multi-step pooling equals pooling each folded step
        INDArray spikes = Nd4j.rand(DataType.FLOAT, 3, 2, 4, 6, 5).gt(0.5).castTo(DataType.FLOAT);
        AvgPool2d single = new AvgPool2d(2);
        assertArrayEquals(single.forward(Tensor.of(spikes.reshape(6, 4, 6, 5))).toFloatArray(),
                new AvgPool2d(PoolSpec.of(2, 2), true).forward(Tensor.of(spikes)).toFloatArray(), 0f);
    }

    @Test
    void inputErrorsNameTheLayer() {
        MaxPool2d pool = new MaxPool2d(PoolSpec.of(2, 2), true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pool.forward(Tensor.of(Nd4j.ones(DataType.FLOAT, 3, 2, 4, 4))));
        assertEquals("MaxPool2d(kernel_size=(2, 2), stride=(2, 2)): expected input [T, B, C, H, W], got [3, 2, 4, 4]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> pool.forward(Tensor.of(Nd4j.ones(DataType.FLOAT, 3, 2, 4, 1, 4))));
        assertTrue(e.getMessage().startsWith("MaxPool2d(kernel_size=(2, 2), stride=(2, 2)): max_pool2d: "),
                e.getMessage());
        INDArray nan = Nd4j.ones(DataType.FLOAT, 1, 1, 2, 2);
        nan.putScalar(2, Float.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> new AvgPool2d(2).forward(Tensor.of(nan)));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AvgPool1d(PoolSpec.of(1, 2).divisorOverride(3)));
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(PoolSpec.of(3, 2)));
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(2, 2, 2));
        assertEquals("AvgPool2d(kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), ceil_mode=True, "
                + "count_include_pad=False, divisor_override=4)", new AvgPool2d(3, 2, 1, true, false, 4).toString());
    }

    @Test
    void unflattenInvertsFlattenOnSpikes() {
        INDArray spikes = Nd4j.rand(DataType.FLOAT, 3, 2, 2, 4, 4).gt(0.5).castTo(DataType.FLOAT);
        Flatten flatten = new Flatten(1, -1, true);
        Unflatten unflatten = new Unflatten(1, new long[] {2, -1, 4}, true);
        Tensor flat = flatten.forward(Tensor.of(spikes));
        assertArrayEquals(new long[] {3, 2, 32}, flat.shape());
        Tensor back = unflatten.forward(flat);
        assertArrayEquals(new long[] {3, 2, 2, 4, 4}, back.shape());
        assertArrayEquals(spikes.dup('c').data().asFloat(), back.toFloatArray(), 0f);
        assertEquals("Unflatten(dim=1, unflattened_size=(2, -1, 4)) [multi-step]", unflatten.toString());
    }

    @Test
    void unflattenBinarisesAndChecksSizes() {
        Tensor x = Tensor.variable(Nd4j.create(new float[] {0.2f, 0.6f, -1, 3}, new long[] {1, 4}, 'c'));
        Tensor y = new Unflatten(-1, 2, 2).forward(x);
        assertArrayEquals(new long[] {1, 2, 2}, y.shape());
        assertArrayEquals(new float[] {0, 1, 0, 1}, y.toFloatArray(), 0f);
        y.sum().backward();
        assertArrayEquals(new float[] {1, 1, 1, 1}, x.grad().dup('c').data().asFloat(), 0f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Unflatten(1, 3, 2).forward(x));
        assertTrue(e.getMessage().startsWith("Unflatten(dim=1, unflattened_size=(3, 2)): expected input"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Unflatten(3, 2, 2).forward(x));
        assertThrows(IllegalArgumentException.class, () -> new Unflatten(1, -1, -1));
        assertThrows(IllegalArgumentException.class, () -> new Unflatten(1, 0, 2));
    }
}

package io.matterhorn.snn.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** 1.0.1's reference example: SumSpike and AverageSpike on the [T=4, 3] example, here as [T=4, B=1, 3]. */
class SpikeDecoderTest {
    private static final float[] SPIKES = {0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0};

    private static Tensor example() {
        return Tensor.of(Nd4j.create(SPIKES, new long[] {4, 1, 3}, 'c'));
    }

    @Test
    void sumSpike() {
        Tensor y = new SumSpikeDecoder().forward(example());
        assertArrayEquals(new long[] {1, 3}, y.shape());
        assertArrayEquals(new float[] {2, 0, 3}, y.toFloatArray(), 0f);
    }

    @Test
    void averageSpike() {
        Tensor y = new AvgSpikeDecoder().forward(example());
        assertArrayEquals(new long[] {1, 3}, y.shape());
        assertArrayEquals(new float[] {0.5f, 0f, 0.75f}, y.toFloatArray(), 1e-7f);
    }

    @Test
    void gradientsSpreadOverTime() {
        Tensor x = Tensor.variable(Nd4j.create(SPIKES, new long[] {4, 1, 3}, 'c'));
        new AvgSpikeDecoder().forward(x).sum().backward();
        for (float g : x.grad().data().asFloat()) {
            org.junit.jupiter.api.Assertions.assertEquals(0.25f, g, 0f);
        }
    }

    @Test
    void inputWithoutTimeAxisIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new SumSpikeDecoder().forward(Tensor.of(Nd4j.ones(DataType.FLOAT, 3))));
        assertThrows(IllegalArgumentException.class,
                () -> new AvgSpikeDecoder().forward(Tensor.of(Nd4j.ones(DataType.FLOAT, 3))));
    }
}

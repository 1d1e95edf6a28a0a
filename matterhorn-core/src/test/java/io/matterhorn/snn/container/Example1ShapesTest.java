package io.matterhorn.snn.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The shape table of example 1's MNIST model, with B = 4 instead of 256. */
class Example1ShapesTest {

    @Test
    void everyStageHasTheDocumentedShape() {
        int t = 32;
        int b = 4;
        Sequential model = new Sequential(new PoissonEncoder(t, 7L), new Flatten(),
                new Linear(784, 80, true, false, new Random(1)), new LIF(),
                new Linear(80, 10, true, false, new Random(2)), new LIF(), new AvgSpikeDecoder());
        long[][] expected = {{t, b, 1, 28, 28}, {t, b, 784}, {t, b, 80}, {t, b, 80}, {t, b, 10}, {t, b, 10},
                {b, 10}};
        List<Module> stages = model.children();
        assertEquals(expected.length, stages.size());

        Nd4j.getRandom().setSeed(1);
        Tensor x = Tensor.of(Nd4j.rand(DataType.FLOAT, b, 1, 28, 28));
        Tensor y = x;
        for (int i = 0; i < stages.size(); i++) {
            y = stages.get(i).forward(y);
            assertArrayEquals(expected[i], y.shape(), "stage " + i + " " + stages.get(i).getClass().getSimpleName());
        }
        // the decoder yields firing rates
        for (float r : y.toFloatArray()) {
            assertTrue(r >= 0 && r <= 1);
        }
        // running the whole container gives the same final shape
        assertArrayEquals(new long[] {b, 10}, model.forward(x).shape());
    }
}

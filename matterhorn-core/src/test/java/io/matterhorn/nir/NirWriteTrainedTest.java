package io.matterhorn.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code Nir.writeTrained}: a model with encoder and decoder is exported between them in one call. */
class NirWriteTrainedTest {
    private static final double DT = 1e-3;

    /** Example 1's whole model: the part between PoissonEncoder and AvgSpikeDecoder runs as before. */
    @Test
    void example1ModelIsExportedBetweenEncoderAndDecoder(@TempDir Path dir) {
        Random init = new Random(5);
        Linear l1 = new Linear(28 * 28, 80, false, false, init);
        l1.weight().value().muli(4);
        Linear l2 = new Linear(80, 10, false, false, init);
        l2.weight().value().muli(6);
        Sequential model = new Sequential(new PoissonEncoder(8, 1.0, 0.0, 1L), new Flatten(),
                l1, LIF.builder().tauM(2.37).trainable(true).spikingFunction(new Sigmoid()).build(),
                l2, LIF.builder().tauM(1.83).trainable(true).spikingFunction(new Sigmoid()).build(),
                new AvgSpikeDecoder());
        Path file = dir.resolve("mlp.nir");
        String message = Nir.writeTrained(model, file, DT, 1, 28, 28);
        assertTrue(message.contains("PoissonEncoder") && message.contains("AvgSpikeDecoder"), message);
        assertTrue(message.contains("modules 1-5") && message.contains(file.toString()), message);
        assertArrayEquals(new long[] {1, 28, 28}, Nir.inputShape(file));

        Nd4j.getRandom().setSeed(2);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 1, 28, 28).lt(0.3).castTo(DataType.FLOAT);
        Module middle = new Sequential(model.children().subList(1, 6).toArray(new Module[0]));
        INDArray expected = middle.forward(Tensor.of(x)).value().dup();
        middle.reset();
        INDArray y = Nir.read(file, DT).forward(Tensor.of(x)).value();
        assertArrayEquals(expected.shape(), y.shape());
        assertEquals(expected.sumNumber().doubleValue(), y.sumNumber().doubleValue(), 0.0);
        assertTrue(expected.equalsWithEps(y, 0.0));
    }

    /** A model without encoder or decoder is written whole; one with nothing between them is refused. */
    @Test
    void wholeModelsAndEmptyMiddles(@TempDir Path dir) {
        Module plain = new Sequential(new Linear(4, 3, false), LIF.builder().build());
        String message = Nir.writeTrained(plain, dir.resolve("plain.nir"), DT);
        assertTrue(message.contains("the whole model"), message);
        assertFalse(message.contains("left out"), message);
        assertArrayEquals(new long[] {4}, Nir.inputShape(dir.resolve("plain.nir")));

        Module empty = new Sequential(new PoissonEncoder(4), new AvgSpikeDecoder());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nir.writeTrained(empty, dir.resolve("empty.nir"), DT));
        assertTrue(e.getMessage().contains("nothing to export"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("empty.nir")));
    }
}

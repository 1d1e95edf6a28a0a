package io.matterhorn.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.soma.ArrayLIF;
import io.matterhorn.snn.soma.CubaLIF;
import io.matterhorn.snn.soma.LI;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.nir.module.AnalogFlatten;
import io.matterhorn.snn.synapse.Conv1d;
import io.matterhorn.snn.synapse.Conv2d;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.nir.module.LinearPool2d;
import io.matterhorn.nir.module.Scale;
import io.matterhorn.tensor.Tensor;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code Nir.read(Nir.write(m))} runs like {@code m} on the same input, for every module type that maps. */
class NirRoundTripTest {
    private static final double DT = 1e-3;

    private static INDArray spikes(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, shape).lt(0.3).castTo(DataType.FLOAT);
    }

    private static void assertSameRun(Module m, Path file, INDArray x, long... inputShape) {
        INDArray expected = m.forward(Tensor.of(x)).value().dup();
        m.reset();
        Nir.write(m, file, DT, inputShape);
        Module back = Nir.read(file, DT);
        INDArray y = back.forward(Tensor.of(x)).value();
        assertArrayEquals(expected.shape(), y.shape(), "output shape");
        float[] e = expected.dup('c').data().asFloat();
        float[] a = y.dup('c').data().asFloat();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 0.0, "element " + i);
        }
    }

    /** Example 1's network between its encoder and decoder, with trained-looking (non-round) time constants. */
    @Test
    void example1ArchitectureRoundTrips(@TempDir Path dir) {
        Random init = new Random(3);
        Linear l1 = new Linear(28 * 28, 80, false, false, init);
        l1.weight().value().muli(4);
        Linear l2 = new Linear(80, 10, false, false, init);
        l2.weight().value().muli(6);
        Module m = new Sequential(new Flatten(),
                l1, LIF.builder().tauM(2.37).trainable(true).spikingFunction(new Sigmoid()).build(),
                l2, LIF.builder().tauM(1.83).trainable(true).spikingFunction(new Sigmoid()).build());
        INDArray x = spikes(1, 12, 3, 1, 28, 28);
        INDArray y = m.forward(Tensor.of(x)).value();
        m.reset();
        double rate = y.meanNumber().doubleValue();
        assertTrue(rate > 0.02 && rate < 0.98, "the output layer must spike and stay silent; rate " + rate);
        assertSameRun(m, dir.resolve("mlp.nir"), x, 1, 28, 28);
    }

    /** Example 4's convolution stack (smaller channel count) between its encoder and decoder. */
    @Test
    void example4ConvStackRoundTrips(@TempDir Path dir) {
        Random init = new Random(4);
        Module m = new Sequential(
                Conv2d.builder(2, 8, 3).stride(2).padding(1).random(init).build(), LIF.builder().tauM(2.0).build(),
                Conv2d.builder(8, 8, 3).stride(2).padding(1).random(init).build(), LIF.builder().tauM(2.0).build());
        assertSameRun(m, dir.resolve("conv.nir"), spikes(2, 6, 2, 2, 34, 34), 2, 34, 34);
    }

    /** Every other mapped type: Conv1d, Scale, AnalogFlatten, sum and mean pools, LI, LIF, IF and CubaLIF arrays. */
    @Test
    void everyMappedTypeRoundTrips(@TempDir Path dir) {
        Random init = new Random(5);
        ArrayLIF lif = ArrayLIF.leaky(new long[] {4, 8, 8}, DT, null);
        lif.namedParameters().get("tau").value().assign(Nd4j.rand(DataType.FLOAT, 4, 8, 8).muli(4e-3).addi(2e-3));
        lif.namedParameters().get("v_threshold").value().assign(0.3);
        ArrayLIF ifs = ArrayLIF.nonLeaky(new long[] {4, 4, 4}, DT, null);
        ifs.namedParameters().get("v_threshold").value().assign(0.5);
        CubaLIF cuba = new CubaLIF(new long[] {12}, DT, null);
        cuba.namedParameters().get("tau_syn").value().assign(Nd4j.linspace(DataType.FLOAT, 2e-3, 3e-4, 12));
        cuba.namedParameters().get("v_threshold").value().assign(0.2);
        Scale scale = new Scale(new long[] {4, 8, 8});
        scale.scale().value().assign(Nd4j.rand(DataType.FLOAT, 4, 8, 8).addi(0.5));
        LI li = new LI(new long[] {6}, DT);
        li.namedParameters().get("r").value().assign(Nd4j.linspace(DataType.FLOAT, 0.5, 0.3, 6));
        Module m = new Sequential(
                Conv2d.builder(2, 4, 3).stride(2).padding(1).random(init).build(), scale, lif,
                LinearPool2d.sum(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}), ifs,
                new AnalogFlatten(1, 2), Conv1d.builder(4, 3, 3).padding(1).random(init).build(),
                new AnalogFlatten(0, -1), new Linear(48, 12, true, false, init), cuba,
                new Linear(12, 6, false, false, init), li);
        assertSameRun(m, dir.resolve("all.nir"), spikes(3, 8, 2, 2, 16, 16), 2, 16, 16);
        Module avg = new Sequential(LinearPool2d.mean(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}));
        assertSameRun(avg, dir.resolve("avg.nir"), Nd4j.rand(DataType.FLOAT, 3, 2, 1, 4, 4), 1, 4, 4);
    }

    /** Without an input shape, a chain that starts with a Linear takes [in_features]; a conv chain is refused. */
    @Test
    void inputShapeIsInferredFromALeadingLinearOnly(@TempDir Path dir) {
        Random init = new Random(6);
        Linear l = new Linear(5, 3, true, false, init);
        Module m = new Sequential(l, new LI(new long[] {3}, DT));
        Path f = dir.resolve("li.nir");
        Nir.write(m, f, DT);
        assertArrayEquals(new long[] {5}, Nir.inputShape(f));
        Module conv = new Sequential(Conv2d.builder(1, 2, 3).random(init).build());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Nir.write(conv, dir.resolve("c.nir"), DT));
        assertTrue(e.getMessage().contains("input shape"), e.getMessage());
    }
}

package io.matterhorn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.optim.Adam;
import io.matterhorn.optim.Losses;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.snn.encoder.TemporalEncoder;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.layer.SRM0Linear;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.Conv2d;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Matterhorn.seed: the same program run twice in one JVM gives bit-identical parameters and outputs. */
class MatterhornSeedTest {

    @AfterEach
    void forgetSeed() {
        Matterhorn.unseed();
    }

    /**
     * A small training program that uses every default random source of core: Linear and Conv2d initialisation,
     * SRM0Linear's initialisation, a PoissonEncoder without an explicit seed, and ND4J's generator (the input).
     *
     * @return the raw float bits of every parameter after three Adam steps, then of the last output
     */
    private static List<int[]> program(long seed) {
        Matterhorn.seed(seed);
        INDArray images = Nd4j.rand(DataType.FLOAT, 4, 1, 6, 6);        // from ND4J's global generator
        Module model = new Sequential(
                new PoissonEncoder(5),
                Conv2d.builder(1, 2, 3).multiStep(true).build(),        // [5, 4, 2, 4, 4]
                new Flatten(),                                           // [5, 4, 32]
                new Linear(32, 12, true),
                LIF.builder().tauM(2.0).trainable(true).spikingFunction(new Sigmoid()).build(),
                SRM0Linear.builder(12, 3).build(),
                new AvgSpikeDecoder());
        Adam adam = new Adam(model.trainableParameters(), 1e-2);
        Tensor out = null;
        for (int step = 0; step < 3; step++) {
            out = model.forward(Tensor.of(images));
            Tensor loss = Losses.mse(out, Tensor.oneHot(new int[] {0, 1, 2, 1}, 3));
            adam.zeroGrad();
            loss.backward();
            adam.step();
            model.reset();
        }
        List<int[]> bits = new ArrayList<>();
        for (Tensor p : model.parameters()) {
            bits.add(bitsOf(p.value()));
        }
        bits.add(bitsOf(out.value()));
        return bits;
    }

    private static int[] bitsOf(INDArray a) {
        float[] v = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int[] bits = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            bits[i] = Float.floatToRawIntBits(v[i]);
        }
        return bits;
    }

    @Test
    void theSameSeedTwiceGivesBitIdenticalParametersAndOutputs() {
        List<int[]> first = program(42);
        List<int[]> second = program(42);
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i), "array " + i + " differs between the two runs");
        }
    }

    @Test
    void anotherSeedGivesOtherWeights() {
        List<int[]> a = program(1);
        List<int[]> b = program(2);
        assertFalse(java.util.Arrays.equals(a.get(0), b.get(0)), "conv weights should depend on the seed");
    }

    @Test
    void derivedSeedsRestartWithEachSeedCallAndDifferFromEachOther() {
        Matterhorn.seed(7);
        long a1 = Matterhorn.nextSeed();
        long a2 = Matterhorn.nextSeed();
        Matterhorn.seed(7);
        assertEquals(a1, Matterhorn.nextSeed());
        assertEquals(a2, Matterhorn.nextSeed());
        assertNotEquals(a1, a2);
        assertTrue(Matterhorn.isSeeded());
    }

    @Test
    void unseededSourcesDifferAndLoadersKeepTheirDefault() {
        Matterhorn.unseed();
        assertFalse(Matterhorn.isSeeded());
        assertNotEquals(Matterhorn.nextSeed(), Matterhorn.nextSeed());
        assertEquals(0L, Matterhorn.nextSeedOr(0L));
        Matterhorn.seed(3);
        assertNotEquals(0L, Matterhorn.nextSeedOr(0L));
    }

    @Test
    void temporalEncoderWithoutSeedFollowsTheGlobalSeed() {
        INDArray x = Nd4j.linspace(DataType.FLOAT, 0.0, 1.0, 24).reshape(4, 6);
        Matterhorn.seed(11);
        int[] a = bitsOf(new TemporalEncoder(8).forward(Tensor.of(x)).value());
        Matterhorn.seed(11);
        int[] b = bitsOf(new TemporalEncoder(8).forward(Tensor.of(x)).value());
        assertArrayEquals(a, b);
    }
}

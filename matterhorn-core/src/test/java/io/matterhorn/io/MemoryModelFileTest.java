package io.matterhorn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.layer.Delay;
import io.matterhorn.snn.soma.AdaptiveLIF;
import io.matterhorn.snn.soma.ArrayLIF;
import io.matterhorn.snn.soma.CubaLIF;
import io.matterhorn.snn.soma.LI;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.soma.Recurrent;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.Tensor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Whole-model files of networks with memory round-trip: recurrent layers of several families, the adaptive LIF (its
 * per-neuron parameters and whether they train) and delays (per element and per channel) come back with the same
 * architecture, the same state dict and the same outputs.
 */
class MemoryModelFileTest {
    private static final double DT = 1e-3;

    @Test
    void networksWithMemoryRoundTrip(@TempDir Path dir) throws Exception {
        Random init = new Random(3);
        AdaptiveLIF alif = AdaptiveLIF.builder(8).dt(DT).tauMem(4 * DT).tauAdp(25 * DT).beta(2.0)
                .spikingFunction(new Sigmoid(0.25)).trainable(true).build();
        alif.namedParameters().get("beta").value().assign(Nd4j.createFromArray(0.5f, 0.8f, 1.1f, 1.4f, 1.7f, 2f,
                2.3f, 2.6f));
        alif.setTrainable("tau_adp", false);
        Module m = new Sequential(new Linear(10, 8, true, false, init), new Recurrent(8, alif, init),
                new Delay(new long[] {8}, 0, 1, 2, 3, 0, 1, 2, 3), new Linear(8, 6, false, false, init),
                new Recurrent(6, new CubaLIF(new long[] {6}, DT, new Sigmoid()), true, init),
                new Linear(6, 6, false, false, init), new Recurrent(6, ArrayLIF.nonLeaky(new long[] {6}, DT, null),
                init), new Delay(new long[] {6}, 2), new Linear(6, 5, false, false, init),
                new Recurrent(5, LIF.builder().tauM(3.0).trainable(true).build(), init), new Linear(5, 3, true, false,
                init), new LI(new long[] {3}, DT), new AvgSpikeDecoder());
        for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
            if (e.getKey().endsWith("weight")) {
                e.getValue().value().muli(3);
            }
        }
        Path file = dir.resolve("memory.safetensors");
        Models.save(m, file);
        Module back = Models.load(file);
        assertEquals(m.toString(), back.toString());
        Map<String, INDArray> a = m.stateDict();
        Map<String, INDArray> b = back.stateDict();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertEquals(v, b.get(k), k));
        Map<String, Tensor> pa = m.namedParameters();
        back.namedParameters().forEach((k, v) -> assertEquals(pa.get(k).requiresGrad(), v.requiresGrad(), k));
        Random r = new Random(4);
        float[] x = new float[12 * 4 * 10];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() < 0.4 ? 1f : 0f;
        }
        INDArray in = Nd4j.create(x, new long[] {12, 4, 10}, 'c');
        try (var g = Grad.disabled()) {
            INDArray want = m.forward(Tensor.of(in.dup())).value();
            INDArray got = back.forward(Tensor.of(in.dup())).value();
            assertArrayEquals(want.dup('c').data().asFloat(), got.dup('c').data().asFloat(), 0f);
            assertTrue(want.amaxNumber().doubleValue() > 0, "the output never moved");
        }
    }
}

package io.matterhorn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.DirectEncoder;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.BatchNorm2d;
import io.matterhorn.snn.synapse.Conv2d;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * State dicts written by the Python original (test resources {@code interop/}, see the README there) load into
 * the equivalent Java models under the same names and reproduce the original's outputs on the same input. The
 * outputs are firing rates k/T; a correct port gives the same k, so the tolerance is far below 1/T.
 */
class InteropTest {

    static Path resource(String name) {
        try {
            return Path.of(InteropTest.class.getResource("/interop/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LIF lif() {
        return LIF.builder().tauM(2).trainable(true).spikingFunction(new Sigmoid(1)).build();
    }

    /** The Python original's {@code mlp} model, built the same way. */
    static Sequential mlp() {
        return new Sequential(new DirectEncoder(), new Flatten(), new Linear(784, 80, false), lif(),
                new Linear(80, 10, false), lif(), new AvgSpikeDecoder());
    }

    private static Sequential conv() {
        return new Sequential(new DirectEncoder(), new Conv2d(2, 8, 3, 2, 1), new BatchNorm2d(8), lif(),
                new Flatten(), new Linear(2312, 10), lif(), new AvgSpikeDecoder());
    }

    private static void check(Module model, String name, int timeSteps) throws Exception {
        Map<String, INDArray> state = SafeTensors.read(resource(name + ".safetensors"));
        assertEquals(List.copyOf(model.stateDict().keySet()).stream().sorted().toList(),
                List.copyOf(state.keySet()).stream().sorted().toList(), "same names as the original");
        model.loadStateDict(state);
        Map<String, INDArray> io = SafeTensors.read(resource(name + "_io.safetensors"));
        model.eval();
        model.reset();
        INDArray out = model.forward(Tensor.of(io.get("input"))).value();
        INDArray expected = io.get("expected");
        assertArrayEquals(expected.shape(), out.shape());
        float[] e = expected.data().asFloat();
        float[] o = out.dup('c').data().asFloat();
        double tolerance = 0.25 / timeSteps; // a quarter of one spike's share: same spike counts
        boolean anyNonZero = false;
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], o[i], tolerance, "output " + i);
            anyNonZero |= e[i] != 0;
        }
        assertTrue(anyNonZero, "the reference output has spikes (the test is not vacuous)");
    }

    @Test
    void mlpStateDictFromThePythonOriginalReproducesItsOutput() throws Exception {
        Sequential model = mlp();
        check(model, "mlp", 32);
        // the 0-d tau_m of the file was accepted into the 0-d parameter with its value
        Map<String, INDArray> file = SafeTensors.read(resource("mlp.safetensors"));
        assertEquals(0, file.get("3.module.tau_m").rank());
        assertEquals(file.get("3.module.tau_m").getFloat(0), model.stateDict().get("3.module.tau_m").getFloat(0));
    }

    @Test
    void convStateDictWithBatchNormAndInt64CounterReproducesItsOutput() throws Exception {
        Sequential model = conv();
        check(model, "conv", 8);
        INDArray counter = model.stateDict().get("2.num_batches_tracked");
        assertEquals(DataType.LONG, counter.dataType());
        assertEquals(SafeTensors.read(resource("conv.safetensors")).get("2.num_batches_tracked").getLong(0),
                counter.getLong(0));
    }
}

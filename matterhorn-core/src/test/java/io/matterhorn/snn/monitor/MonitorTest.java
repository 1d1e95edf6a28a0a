package io.matterhorn.snn.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MonitorTest {

    /** [T = 3, B = 1, N = 2]: neuron 0 gets 1.5 every step, neuron 1 gets 0.5. */
    private static Tensor constantInput() {
        return Tensor.of(Nd4j.create(new float[] {1.5f, 0.5f, 1.5f, 0.5f, 1.5f, 0.5f}, new long[] {3, 1, 2}, 'c'));
    }

    @Test
    void membraneAndSpikesOfALifByHand() {
        // LIF tau_m = 2, u_th = 1, hard reset to 0: u = h + (x - h) / 2
        // neuron 0 (x = 1.5): u = 0.75 | 0.75 + 0.375 = 1.125 -> spike, reset 0 | 0.75
        // neuron 1 (x = 0.5): u = 0.25 | 0.375 | 0.4375
        Monitor m = new Monitor();
        Sequential net = new Sequential(m.output("spikes", m.membrane("u", new LIF())));
        net.forward(constantInput());
        INDArray u = m.sequence("u");
        assertArrayEquals(new long[] {3, 1, 2}, u.shape());
        assertArrayEquals(new float[] {0.75f, 0.25f, 0f, 0.375f, 0.75f, 0.4375f}, u.data().asFloat(), 1e-6f);
        INDArray s = m.sequence("spikes");
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0}, s.data().asFloat(), 0f);
        assertArrayEquals(new float[] {1f / 3, 0f}, m.firingRates("spikes"), 1e-6f);
        assertEquals(1.0 / 6, m.meanFiringRate("spikes"), 1e-6);
    }

    @Test
    void probesDoNotChangeTheNetworkOutput() {
        Tensor x = Tensor.of(Nd4j.rand(DataType.FLOAT, 6, 4, 5).muli(2));
        Sequential plain = new Sequential(new Linear(5, 3, true, false, new Random(2)), new LIF(),
                new AvgSpikeDecoder());
        Monitor m = new Monitor();
        Sequential probed = new Sequential(new Linear(5, 3, true, false, new Random(2)),
                m.membrane("u", new LIF()), new AvgSpikeDecoder());
        assertEquals(plain.forward(x).value(), probed.forward(x).value());
        assertArrayEquals(new long[] {6, 4, 3}, m.sequence("u").shape());
        m.clear();
        assertThrows(IllegalStateException.class, () -> m.sequence("u"));
    }

    @Test
    void sequenceProbesConcatenateCallsAndTheMonitorCanBeSwitchedOff() {
        Monitor m = new Monitor();
        // a probe of a multi-step module records one [T, B, N] per call
        Sequential net = new Sequential(m.output("out", new Sequential(new LIF())));
        net.forward(constantInput());
        net.forward(constantInput());
        assertEquals(2, m.records("out").size());
        assertArrayEquals(new long[] {6, 1, 2}, m.sequence("out").shape());
        m.setEnabled(false);
        net.forward(constantInput());
        assertEquals(2, m.records("out").size());
        // a probe of a single-step soma records one [B, N] per step
        Monitor steps = new Monitor();
        new Sequential(steps.output("s", new LIF())).forward(constantInput());
        assertEquals(3, steps.records("s").size());
        assertArrayEquals(new long[] {3, 1, 2}, steps.sequence("s").shape());
        assertThrows(IllegalArgumentException.class, () -> m.output("out", new LIF()));
        assertThrows(IllegalArgumentException.class, () -> m.records("nope"));
    }
}

package io.matterhorn.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The five graphs written by the reference {@code nir} package, loaded with {@link StreamingNetwork#loadNir} and
 * stepped one sample at a time (every batch entry of the fixture is its own stream with its own state, stepped once
 * per time step), reproduce the outputs of the fixtures' independent numpy simulation: spikes exactly, analog values
 * within 1e-5 relative plus 1e-6 absolute. Covers a feed-forward MLP, a convolution with pooling and flatten, a
 * current-based neuron, a recurrent cycle through a LIF, and per-neuron delays.
 */
class NirStreamingFixtureTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mlp_lif, true", "conv_if_li, false", "cuba_lif, true", "rlif, true", "delay_lif, true"})
    void streamedOutputMatchesTheFixture(String kase, boolean spikes) throws IOException {
        JsonObject io = NirFixtures.io(kase);
        double dt = io.get("dt").getAsDouble();
        NirFixtures.Array x = NirFixtures.array(io.getAsJsonObject("input"));
        NirFixtures.Array e = NirFixtures.array(io.getAsJsonObject("expected"));
        StreamingNetwork net = StreamingNetwork.loadNir(NirFixtures.file(kase + ".nir"), dt);

        int steps = x.shape()[0];
        int batch = x.shape()[1];
        assertEquals(steps, e.shape()[0], kase + ": fixture T");
        assertEquals(batch, e.shape()[1], kase + ": fixture B");
        assertArrayEquals(Arrays.copyOfRange(e.shape(), 2, e.shape().length), net.outputShape(),
                kase + ": output shape");
        int in = net.inputSize();
        int out = net.outputSize();
        assertEquals(x.data().length, steps * batch * in, kase + ": input size per step");

        float[] frame = new float[in];
        float[] y = new float[out];
        int ones = 0;
        for (int b = 0; b < batch; b++) {
            StreamState s = net.newState();
            for (int t = 0; t < steps; t++) {
                System.arraycopy(x.data(), (t * batch + b) * in, frame, 0, in);
                net.step(frame, s, y);
                for (int j = 0; j < out; j++) {
                    float want = e.data()[(t * batch + b) * out + j];
                    String where = kase + ": t=" + t + " b=" + b + " j=" + j;
                    if (spikes) {
                        assertEquals(want, y[j], 0.0, where);
                        ones += (int) want;
                    } else {
                        assertEquals(want, y[j], 1e-6 + 1e-5 * Math.abs(want), where);
                    }
                }
            }
            assertEquals(steps, s.steps());
        }
        if (spikes) {
            int total = steps * batch * out;
            assertTrue(ones > 0 && ones < total, kase + ": the fixture must hold spikes and silences (" + ones
                    + " of " + total + ")");
        }
    }
}

package io.matterhorn.runtime;

import static io.matterhorn.runtime.NirFixtures.filled;
import static io.matterhorn.runtime.NirFixtures.lif;
import static io.matterhorn.runtime.NirFixtures.node;
import static io.matterhorn.runtime.NirFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.format.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-made NIR files: the structures the compiler must get right (sums of several edges, a recurrent edge read one
 * step late, delays, pass-through Output nodes, 1-d convolutions, pooling with flatten, scale and threshold), with
 * expected values worked out by hand from the NIR equations; and the refusals (unknown or unsupported node types
 * naming the node, a cycle through no neuron, missing parameters, missing and non-HDF5 files).
 */
class NirCompilerTest {
    private static final double DT = 1e-3;

    private static float[][] identity(int n, float v) {
        float[][] w = new float[n][n];
        for (int i = 0; i < n; i++) {
            w[i][i] = v;
        }
        return w;
    }

    private static Map<String, Object> integrator(int n) {
        return node("I", "r", filled(n, 1f));
    }

    private static float[] run(StreamingNetwork net, StreamState s, float[] x) {
        float[] y = new float[net.outputSize()];
        net.step(x, s, y);
        return y;
    }

    @Test
    void severalEdgesIntoOneNodeAreSummed(@TempDir Path dir) throws IOException {
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        nodes.put("input", node("Input", "shape", new long[] {2}));
        nodes.put("a", node("Linear", "weight", identity(2, 1f)));
        nodes.put("b", node("Linear", "weight", identity(2, 2f)));
        nodes.put("i", integrator(2));
        nodes.put("output", node("Output", "shape", new long[] {2}));
        String[][] edges = {{"input", "a"}, {"input", "b"}, {"a", "i"}, {"b", "i"}, {"i", "output"}};
        StreamingNetwork net = StreamingNetwork.loadNir(write(dir, "sum.nir", nodes, edges), DT);
        StreamState s = net.newState();
        // I: v += r x with x = 1 x + 2 x = 3 x
        assertArrayEquals(new float[] {3f, -6f}, run(net, s, new float[] {1f, -2f}));
        assertArrayEquals(new float[] {6f, -12f}, run(net, s, new float[] {1f, -2f}));
    }

    @Test
    void recurrentEdgeCarriesThePreviousStep(@TempDir Path dir) throws IOException {
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        nodes.put("input", node("Input", "shape", new long[] {1}));
        nodes.put("i", integrator(1));
        nodes.put("rec", node("Linear", "weight", new float[][] {{0.5f}}));
        nodes.put("output", node("Output", "shape", new long[] {1}));
        String[][] edges = {{"input", "i"}, {"i", "rec"}, {"rec", "i"}, {"i", "output"}};
        StreamingNetwork net = StreamingNetwork.loadNir(write(dir, "rec.nir", nodes, edges), DT);
        StreamState s = net.newState();
        // v[t] = v[t-1] + x[t] + 0.5 y[t-1], y = v, x = 1: 1, 1 + 1 + 0.5, 2.5 + 1 + 1.25
        assertEquals(1f, run(net, s, new float[] {1f})[0]);
        assertEquals(2.5f, run(net, s, new float[] {1f})[0]);
        assertEquals(4.75f, run(net, s, new float[] {1f})[0]);
        StreamState copy = s.copy();
        StreamState restored = net.restoreState(s.toBytes());
        float next = 4.75f + 1f + 0.5f * 4.75f;
        assertEquals(next, run(net, s, new float[] {1f})[0]);
        assertEquals(next, run(net, copy, new float[] {1f})[0]);
        assertEquals(next, run(net, restored, new float[] {1f})[0]);
        s.reset();
        assertEquals(1f, run(net, s, new float[] {1f})[0]);
    }

    @Test
    void selfLoopOnANeuronRuns(@TempDir Path dir) throws IOException {
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        nodes.put("input", node("Input", "shape", new long[] {1}));
        nodes.put("i", integrator(1));
        nodes.put("output", node("Output", "shape", new long[] {1}));
        String[][] edges = {{"input", "i"}, {"i", "i"}, {"i", "output"}};
        StreamingNetwork net = StreamingNetwork.loadNir(write(dir, "self.nir", nodes, edges), DT);
        StreamState s = net.newState();
        // v[t] = v[t-1] + x + y[t-1]: 1, 1 + 1 + 1, 3 + 1 + 3
        assertEquals(1f, run(net, s, new float[] {1f})[0]);
        assertEquals(3f, run(net, s, new float[] {1f})[0]);
        assertEquals(7f, run(net, s, new float[] {1f})[0]);
    }

    @Test
    void delayShiftsEachElementByItsStepsWithZerosBefore(@TempDir Path dir) throws IOException {
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        nodes.put("input", node("Input", "shape", new long[] {3}));
        nodes.put("delay", node("Delay", "delay", new float[] {0f, 1e-3f, 3e-3f}));
        nodes.put("output", node("Output", "shape", new long[] {3}));
        String[][] edges = {{"input", "delay"}, {"delay", "output"}};
        StreamingNetwork net = StreamingNetwork.loadNir(write(dir, "delay.nir", nodes, edges), DT);
        StreamState s = net.newState();
        StreamState restored = null;
        for (int t = 0; t < 8; t++) {
            float x = t + 1;
            float[] want = {x, t >= 1 ? x - 1 : 0f, t >= 3 ? x - 3 : 0f};
            if (t == 4) {
                restored = net.restoreState(s.toBytes());
            }
            float[] in = {x, x, x};
            assertArrayEquals(want, run(net, s, in), "t=" + t);
            if (restored != null) {
                assertArrayEquals(want, run(net, restored, in), "restored, t=" + t);
            }
        }
        s.reset();
        assertArrayEquals(new float[] {5f, 0f, 0f}, run(net, s, new float[] {5f, 5f, 5f}));
    }

    @Test
    void outputWithTwoEdgesIsTheirSum(@TempDir Path dir) throws IOException {
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        nodes.put("input", node("Input", "shape", new long[] {2}));
        nodes.put("a", node("Affine", "weight", identity(2, 1f), "bias", new float[] {0.5f, 0f}));
        nodes.put("b", node("Scale", "scale", new float[] {3f}));
        nodes.put("output", node("Output", "shape", new long[] {2}));
        String[][] edges = {{"input", "a"}, {"input", "b"}, {"a", "output"}, {"b", "output"}};
        StreamingNetwork net = StreamingNetwork.loadNir(write(dir, "out.nir", nodes, edges), DT);
        // x + (0.5, 0) + 3 x
        assertArrayEquals(new float[] {4.5f, -8f}, run(net, net.newState(), new float[] {1f, -2f}));
    }

    @Test
    void conv1dWithNumericAndSamePaddingAgree(@TempDir Path dir) throws IOException {
        float[] x = {1f, 0f, 2f, 0f, -1f};
        // y[i] = 1 x[i-1] + 2 x[i] + 3 x[i+1] + 0.25, zeros outside
        float[] want = {2.25f, 7.25f, 4.25f, -0.75f, -1.75f};
        for (Object padding : new Object[] {new long[] {1}, "same"}) {
            Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
            nodes.put("input", node("Input", "shape", new long[] {1, 5}));
            nodes.put("conv", node("Conv1d", "weight", new float[][][] {{{1f, 2f, 3f}}}, "bias",
                    new float[] {0.25f}, "stride", new long[] {1}, "padding", padding, "dilation", new long[] {1},
                    "groups", 1L, "input_shape", 5L));
            nodes.put("output", node("Output", "shape", new long[] {1, 5}));
            String[][] edges = {{"input", "conv"}, {"conv", "output"}};
            StreamingNetwork net = StreamingNetwork.loadNir(write(dir, "c" + padding.hashCode() + ".nir", nodes,
                    edges), DT);
            assertArrayEquals(new int[] {1, 5}, net.outputShape());
            assertArrayEquals(want, run(net, net.newState(), x), "padding " + padding);
        }
    }

    @Test
    void avgPoolFlattenScaleThreshold(@TempDir Path dir) throws IOException {
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        nodes.put("input", node("Input", "shape", new long[] {2, 2, 2}));
        nodes.put("pool", node("AvgPool2d", "kernel_size", new long[] {2, 2}, "stride", new long[] {2, 2},
                "padding", new long[] {0, 0}));
        nodes.put("flat", node("Flatten", "start_dim", 0L, "end_dim", -1L));
        nodes.put("scale", node("Scale", "scale", new float[] {2f, -1f}));
        nodes.put("thr", node("Threshold", "threshold", new float[] {5f, -2.5f}));
        nodes.put("output", node("Output", "shape", new long[] {2}));
        String[][] edges = {{"input", "pool"}, {"pool", "flat"}, {"flat", "scale"}, {"scale", "thr"},
            {"thr", "output"}};
        StreamingNetwork net = StreamingNetwork.loadNir(write(dir, "pool.nir", nodes, edges), DT);
        assertArrayEquals(new int[] {2}, net.outputShape());
        // means 2.5 and 2.5; scaled 5 and -2.5; H(5 - 5) = 1, H(-2.5 + 2.5) = 1; then means 1, 3: 2 < 5, -3 < -2.5
        assertArrayEquals(new float[] {1f, 1f}, run(net, net.newState(), new float[] {1, 2, 3, 4, 4, 3, 2, 1}));
        assertArrayEquals(new float[] {0f, 0f}, run(net, net.newState(), new float[] {1, 1, 1, 1, 3, 3, 3, 3}));
    }

    // ------------------------------------------------------------------ refusals

    private static Map<String, Map<String, Object>> chain(Map<String, Object> middle) {
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        nodes.put("input", node("Input", "shape", new long[] {3}));
        nodes.put("affine", node("Affine", "weight", new float[2][3], "bias", new float[2]));
        nodes.put("mid", middle);
        nodes.put("output", node("Output", "shape", new long[] {2}));
        return nodes;
    }

    private static final String[][] CHAIN = {{"input", "affine"}, {"affine", "mid"}, {"mid", "output"}};

    private static String refusal(Path f) {
        return assertThrows(ModelFormatException.class, () -> StreamingNetwork.loadNir(f, DT)).getMessage();
    }

    @Test
    void handMadeChainLoads(@TempDir Path dir) throws IOException {
        StreamingNetwork net = StreamingNetwork.loadNir(write(dir, "ok.nir", chain(lif(2, 0.01f, 1f)), CHAIN), DT);
        assertEquals(3, net.inputSize());
        assertEquals(2, net.outputSize());
    }

    @Test
    void unknownNodeTypeIsRefusedNamingTheNode(@TempDir Path dir) {
        String msg = refusal(write(dir, "g.nir", chain(node("Spiky", "x", new float[2])), CHAIN));
        assertTrue(msg.contains("'mid'") && msg.contains("Spiky") && msg.contains("g.nir"), msg);
    }

    @Test
    void unsupportedNodeTypeIsRefusedNamingTheNode(@TempDir Path dir) {
        String msg = refusal(write(dir, "g.nir", chain(node("Conv3d", "weight", new float[1][1][1][1][1])),
                CHAIN));
        assertTrue(msg.contains("'mid'") && msg.contains("Conv3d"), msg);
    }

    @Test
    void cycleThroughNoNeuronIsRefused(@TempDir Path dir) {
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        nodes.put("input", node("Input", "shape", new long[] {2}));
        nodes.put("lin", node("Linear", "weight", identity(2, 1f)));
        nodes.put("sc", node("Scale", "scale", new float[] {0.5f, 0.5f}));
        nodes.put("lif", lif(2, 0.01f, 1f));
        nodes.put("output", node("Output", "shape", new long[] {2}));
        String[][] edges = {{"input", "lin"}, {"lin", "sc"}, {"sc", "lin"}, {"sc", "lif"}, {"lif", "output"}};
        String msg = refusal(write(dir, "loop.nir", nodes, edges));
        assertTrue(msg.contains("cycle") && msg.contains("no neuron") && msg.contains("'lin'")
                && msg.contains("'sc'") && msg.contains("Scale"), msg);
    }

    @Test
    void cycleThroughNoNeuronBesideOneThroughANeuronIsRefused(@TempDir Path dir) {
        // v -> n -> u -> v passes through the LIF n, v -> s -> u -> v does not
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        nodes.put("input", node("Input", "shape", new long[] {2}));
        nodes.put("v", node("Linear", "weight", identity(2, 1f)));
        nodes.put("n", lif(2, 0.01f, 1f));
        nodes.put("s", node("Scale", "scale", new float[] {0.5f, 0.5f}));
        nodes.put("u", node("Linear", "weight", identity(2, 1f)));
        nodes.put("output", node("Output", "shape", new long[] {2}));
        String[][] edges = {{"input", "v"}, {"v", "n"}, {"v", "s"}, {"n", "u"}, {"s", "u"}, {"u", "v"},
            {"u", "output"}};
        String msg = refusal(write(dir, "loop2.nir", nodes, edges));
        assertTrue(msg.contains("no neuron") && msg.contains("'s'") && msg.contains("'u'"), msg);
    }

    @Test
    void missingParameterIsRefusedNamingNodeTypeAndParameter(@TempDir Path dir) {
        Map<String, Object> noThreshold = node("LIF", "tau", filled(2, 0.01f), "r", filled(2, 1f), "v_leak",
                new float[2], "v_reset", new float[2]);
        String msg = refusal(write(dir, "g.nir", chain(noThreshold), CHAIN));
        assertTrue(msg.contains("'mid'") && msg.contains("LIF") && msg.contains("'v_threshold'"), msg);
    }

    @Test
    void parameterOfTheWrongShapeIsRefused(@TempDir Path dir) {
        String msg = refusal(write(dir, "g.nir", chain(lif(3, 0.01f, 1f)), CHAIN));
        assertTrue(msg.contains("'mid'") && msg.contains("[3]") && msg.contains("[2]"), msg);
    }

    @Test
    void groupedConvolutionIsRefused(@TempDir Path dir) {
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        nodes.put("input", node("Input", "shape", new long[] {2, 4}));
        nodes.put("conv", node("Conv1d", "weight", new float[2][1][3], "groups", 2L));
        nodes.put("output", node("Output", "shape", new long[] {2, 2}));
        String msg = refusal(write(dir, "g.nir", nodes, new String[][] {{"input", "conv"}, {"conv", "output"}}));
        assertTrue(msg.contains("'conv'") && msg.contains("groups"), msg);
    }

    @Test
    void nodeOffThePathIsRefused(@TempDir Path dir) {
        Map<String, Map<String, Object>> nodes = chain(lif(2, 0.01f, 1f));
        nodes.put("dead", lif(2, 0.01f, 1f));
        String[][] edges = {{"input", "affine"}, {"affine", "mid"}, {"mid", "output"}, {"affine", "dead"}};
        String msg = refusal(write(dir, "g.nir", nodes, edges));
        assertTrue(msg.contains("dead (LIF)") && msg.contains("not on a path"), msg);
    }

    @Test
    void missingFileGivesAClearError(@TempDir Path dir) {
        Path f = dir.resolve("absent.nir");
        String msg = refusal(f);
        assertTrue(msg.contains(f.toString()) && msg.contains("no such file"), msg);
    }

    @Test
    void fileThatIsNotHdf5IsRefused(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("text.nir");
        Files.writeString(f, "not a NIR file at all");
        String msg = refusal(f);
        assertTrue(msg.contains(f.toString()) && msg.contains("HDF5"), msg);
    }

    @Test
    void badStepIsRefused(@TempDir Path dir) {
        Path f = write(dir, "ok.nir", chain(lif(2, 0.01f, 1f)), CHAIN);
        assertThrows(IllegalArgumentException.class, () -> StreamingNetwork.loadNir(f, 0));
        assertThrows(IllegalArgumentException.class, () -> StreamingNetwork.loadNir(f, Double.NaN));
    }
}

package io.matterhorn.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.matterhorn.io.Models;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.AdditiveGraph;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.soma.ArrayLIF;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Graphs whose branches merge by addition: a hand-made residual file runs as an independent loop simulation of
 * the NIR equations says; residual modules round-trip through write and read and through whole-model files.
 */
class NirResidualTest {
    private static final double DT = 1e-3;
    private static final int T = 12;
    private static final int B = 3;
    private static final int N = 3;
    private static final float[][] W1 = {{0.9f, -0.3f, 0.6f}, {0.2f, 0.7f, -0.5f}, {-0.4f, 0.5f, 0.8f}};
    private static final float[] B1 = {0.15f, 0.05f, 0.1f};
    private static final float[][] W2 = {{0.5f, 0.4f, -0.2f}, {-0.3f, 0.6f, 0.3f}, {0.7f, -0.1f, 0.45f}};
    private static final float[] TAU1 = {2e-3f, 3e-3f, 4e-3f};
    private static final float[] TAU2 = {2.5e-3f, 2e-3f, 5e-3f};
    private static final float[] THRESHOLD = {0.3f, 0.25f, 0.35f};

    private static void lif(WritableGroup nodes, String name, float[] tau) {
        WritableGroup g = nodes.putGroup(name);
        g.putDataset("type", "LIF");
        g.putDataset("tau", tau);
        g.putDataset("r", new float[] {1f, 1f, 1f});
        g.putDataset("v_leak", new float[N]);
        g.putDataset("v_threshold", THRESHOLD);
        g.putDataset("v_reset", new float[N]);
    }

    /**
     * input -> a1 (Affine) -> lif1 -> a2 (Linear) -> lif2 -> output, with the skip edges input -> lif2 (lif2 gets
     * a2 + x) and lif1 -> output (the output is lif2 + lif1).
     */
    private static Path residualFile(Path dir) {
        Path f = dir.resolve("residual.nir");
        try (WritableHdfFile hdf = HdfFile.write(f)) {
            hdf.putDataset("version", "1.0.8");
            WritableGroup root = hdf.putGroup("node");
            root.putDataset("type", "NIRGraph");
            WritableGroup nodes = root.putGroup("nodes");
            WritableGroup in = nodes.putGroup("input");
            in.putDataset("type", "Input");
            in.putDataset("shape", new long[] {N});
            WritableGroup a1 = nodes.putGroup("a1");
            a1.putDataset("type", "Affine");
            a1.putDataset("weight", W1);
            a1.putDataset("bias", B1);
            lif(nodes, "lif1", TAU1);
            WritableGroup a2 = nodes.putGroup("a2");
            a2.putDataset("type", "Linear");
            a2.putDataset("weight", W2);
            lif(nodes, "lif2", TAU2);
            WritableGroup out = nodes.putGroup("output");
            out.putDataset("type", "Output");
            out.putDataset("shape", new long[] {N});
            root.putDataset("edges", new String[][] {{"input", "a1"}, {"a1", "lif1"}, {"lif1", "a2"},
                {"a2", "lif2"}, {"input", "lif2"}, {"lif2", "output"}, {"lif1", "output"}});
        }
        return f;
    }

    /** One LIF step of docs/nir.md in float32: v += (dt/tau)((v_leak - v) + r x), spike at v >= v_th, reset to 0. */
    private static float lifStep(float[] v, int n, float x, float[] tau) {
        float k = (float) DT / tau[n];
        v[n] = v[n] + k * ((0f - v[n]) + 1f * x);
        if (v[n] - THRESHOLD[n] >= 0) {
            v[n] = 0f;
            return 1f;
        }
        return 0f;
    }

    /** The graph simulated with plain loops (not with the code under test). */
    private static float[][][] expected(float[][][] x) {
        float[][][] y = new float[T][B][N];
        for (int b = 0; b < B; b++) {
            float[] v1 = new float[N];
            float[] v2 = new float[N];
            for (int t = 0; t < T; t++) {
                float[] s1 = new float[N];
                for (int o = 0; o < N; o++) {
                    float acc = 0;
                    for (int i = 0; i < N; i++) {
                        acc += W1[o][i] * x[t][b][i];
                    }
                    s1[o] = lifStep(v1, o, acc + B1[o], TAU1);
                }
                for (int o = 0; o < N; o++) {
                    float acc = 0;
                    for (int i = 0; i < N; i++) {
                        acc += W2[o][i] * s1[i];
                    }
                    y[t][b][o] = lifStep(v2, o, acc + x[t][b][o], TAU2) + s1[o];
                }
            }
        }
        return y;
    }

    private static float[][][] input() {
        Random r = new Random(11);
        float[][][] x = new float[T][B][N];
        for (float[][] xt : x) {
            for (float[] xb : xt) {
                for (int i = 0; i < N; i++) {
                    xb[i] = r.nextFloat() < 0.5f ? 1f : 0f;
                }
            }
        }
        return x;
    }

    private static INDArray array(float[][][] x) {
        float[] flat = new float[T * B * N];
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                System.arraycopy(x[t][b], 0, flat, (t * B + b) * N, N);
            }
        }
        return Nd4j.create(flat, new long[] {T, B, N}, 'c');
    }

    private static float[] run(Module m, INDArray x) {
        float[] y = m.forward(Tensor.of(x)).value().dup('c').data().asFloat();
        m.reset();
        return y;
    }

    @Test
    void handMadeResidualFileRunsAsTheLoopSimulation(@TempDir Path dir) {
        float[][][] x = input();
        Module m = Nir.read(residualFile(dir), DT);
        assertInstanceOf(AdditiveGraph.class, m);
        float[] y = run(m, array(x));
        float[] e = array(expected(x)).data().asFloat();
        boolean sawTwo = false;
        boolean sawZero = false;
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], y[i], 0.0, "element " + i);
            sawTwo |= e[i] == 2f;
            sawZero |= e[i] == 0f;
        }
        assertTrue(sawTwo && sawZero, "the sum of both spike trains must reach 2 and 0");
    }

    @Test
    void readResidualGraphWritesBackAndRunsIdentically(@TempDir Path dir) {
        INDArray x = array(input());
        Module m = Nir.read(residualFile(dir), DT);
        float[] y = run(m, x);
        Path again = dir.resolve("again.nir");
        Nir.write(m, again, DT, N);
        Module back = Nir.read(again, DT);
        assertInstanceOf(AdditiveGraph.class, back);
        assertArrayEquals(y, run(back, x));
    }

    /** A SEW-style block y = LIF(W2 LIF(W1 x)) + x, followed by a readout, built in Java. */
    @Test
    void residualModuleRoundTripsThroughNirAndModelFiles(@TempDir Path dir) throws IOException {
        Random init = new Random(12);
        Linear w1 = new Linear(6, 6, true, false, init);
        w1.weight().value().muli(3);
        Linear w2 = new Linear(6, 6, false, false, init);
        w2.weight().value().muli(3);
        AdditiveGraph block = new AdditiveGraph(List.of(
                new AdditiveGraph.Node("conv1", new Sequential(w1, LIF.builder().tauM(2.0).build()),
                        List.of(AdditiveGraph.INPUT)),
                new AdditiveGraph.Node("conv2", new Sequential(w2, ArrayLIF.leaky(new long[] {6}, DT, null)),
                        List.of("conv1"))),
                List.of("conv2", AdditiveGraph.INPUT));
        Module m = new Sequential(block, new Linear(6, 2, true, false, init));
        Nd4j.getRandom().setSeed(13);
        INDArray x = Nd4j.rand(DataType.FLOAT, 10, 4, 6).lt(0.4).castTo(DataType.FLOAT);
        float[] y = run(m, x);
        Path f = dir.resolve("block.nir");
        Nir.write(m, f, DT, 6);
        assertArrayEquals(y, run(Nir.read(f, DT), x));
        Path saved = dir.resolve("block.safetensors");
        Models.save(m, saved);
        assertArrayEquals(y, run(Models.load(saved), x));
    }

    @Test
    void graphModuleChecksItsStructure() {
        Linear a = new Linear(2, 2);
        Linear b = new Linear(2, 2);
        IllegalArgumentException cycle = assertThrows(IllegalArgumentException.class, () -> new AdditiveGraph(
                List.of(new AdditiveGraph.Node("a", a, List.of(AdditiveGraph.INPUT, "b")),
                        new AdditiveGraph.Node("b", b, List.of("a"))), List.of("b")));
        assertTrue(cycle.getMessage().contains("cycle") && cycle.getMessage().contains("'a'"), cycle.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> new AdditiveGraph(
                List.of(new AdditiveGraph.Node("a", a, List.of("z"))), List.of("a")));
        assertTrue(unknown.getMessage().contains("'z'"), unknown.getMessage());
        IllegalArgumentException dead = assertThrows(IllegalArgumentException.class, () -> new AdditiveGraph(
                List.of(new AdditiveGraph.Node("a", a, List.of(AdditiveGraph.INPUT)),
                        new AdditiveGraph.Node("b", b, List.of(AdditiveGraph.INPUT))), List.of("a")));
        assertTrue(dead.getMessage().contains("'b'") && dead.getMessage().contains("output"), dead.getMessage());
        AdditiveGraph g = new AdditiveGraph(List.of(new AdditiveGraph.Node("a", new Linear(3, 2),
                List.of(AdditiveGraph.INPUT))), List.of("a", AdditiveGraph.INPUT));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> g.forward(Tensor.of(Nd4j.zeros(DataType.FLOAT, 2, 1, 3))));
        assertTrue(shape.getMessage().contains("differ in shape"), shape.getMessage());
    }
}

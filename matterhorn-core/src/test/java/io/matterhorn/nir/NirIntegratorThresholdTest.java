package io.matterhorn.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.matterhorn.io.Models;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.soma.CubaLI;
import io.matterhorn.snn.soma.Integrator;
import io.matterhorn.nir.module.Threshold;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The NIR nodes I, CubaLI and Threshold: hand-made files give hand-computed outputs, and they round-trip. */
class NirIntegratorThresholdTest {
    private static final double DT = 1e-3;

    private static Path chain(Path dir, String name, long inputSize, Map<String, Map<String, Object>> middle) {
        Path f = dir.resolve(name);
        try (WritableHdfFile hdf = HdfFile.write(f)) {
            hdf.putDataset("version", "1.0.8");
            WritableGroup root = hdf.putGroup("node");
            root.putDataset("type", "NIRGraph");
            WritableGroup nodes = root.putGroup("nodes");
            WritableGroup in = nodes.putGroup("input");
            in.putDataset("type", "Input");
            in.putDataset("shape", new long[] {inputSize});
            String[][] edges = new String[middle.size() + 1][];
            String prev = "input";
            int e = 0;
            for (Map.Entry<String, Map<String, Object>> n : middle.entrySet()) {
                WritableGroup g = nodes.putGroup(n.getKey());
                n.getValue().forEach(g::putDataset);
                edges[e++] = new String[] {prev, n.getKey()};
                prev = n.getKey();
            }
            nodes.putGroup("output").putDataset("type", "Output");
            edges[e] = new String[] {prev, "output"};
            root.putDataset("edges", edges);
        }
        return f;
    }

    private static float[] run(Module m, float[] x, long... shape) {
        float[] y = m.forward(Tensor.of(Nd4j.create(x, shape, 'c'))).value().dup('c').data().asFloat();
        m.reset();
        return y;
    }

    /** I with r = [2, 0.5] on x = 1, 1, -1 gives v = [2, 0.5], [4, 1], [2, 0.5]; a threshold [3, 0.75] fires at t=1. */
    @Test
    void integratorThenThresholdGivesHandComputedSpikes(@TempDir Path dir) {
        Map<String, Map<String, Object>> mid = new java.util.LinkedHashMap<>();
        mid.put("integ", Map.of("type", "I", "r", new float[] {2f, 0.5f}));
        mid.put("thr", Map.of("type", "Threshold", "threshold", new float[] {3f, 0.75f}));
        Module m = Nir.read(chain(dir, "i.nir", 2, mid), DT);
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, run(m, new float[] {1, 1, 1, 1, -1, -1}, 3, 1, 2), 0f);
    }

    /** dt/tau_syn = 1/2, dt/tau_mem = 1/4, w_in absent (1): v = 0.125, 0.15625, 0.1484375 for x = 1, 0, 0. */
    @Test
    void cubaLiGivesHandComputedPotentials(@TempDir Path dir) {
        Map<String, Map<String, Object>> mid = Map.of("cubali", Map.of("type", "CubaLI", "tau_syn",
                new float[] {2e-3f}, "tau_mem", new float[] {4e-3f}, "r", new float[] {1f}, "v_leak",
                new float[] {0f}));
        Module m = Nir.read(chain(dir, "cubali.nir", 1, mid), DT);
        assertArrayEquals(new float[] {0.125f, 0.15625f, 0.1484375f}, run(m, new float[] {1, 0, 0}, 3, 1, 1), 1e-7f);
    }

    @Test
    void newNodesRoundTripThroughNirAndModelFiles(@TempDir Path dir) throws IOException {
        Random init = new Random(21);
        CubaLI cubali = new CubaLI(new long[] {5}, DT);
        cubali.namedParameters().get("tau_syn").value().assign(Nd4j.linspace(DataType.FLOAT, 2e-3, 5e-4, 5));
        cubali.namedParameters().get("w_in").value().assign(Nd4j.linspace(DataType.FLOAT, 0.5, 0.25, 5));
        Integrator integ = new Integrator(new long[] {5}, DT);
        integ.namedParameters().get("r").value().assign(Nd4j.linspace(DataType.FLOAT, 0.2, 0.1, 5));
        Threshold th = new Threshold(new long[] {5}, null);
        th.threshold().value().assign(Nd4j.linspace(DataType.FLOAT, 0.1, 0.15, 5));
        Linear l = new Linear(6, 5, true, false, init);
        l.weight().value().muli(3);
        Module m = new Sequential(l, cubali, integ, th);
        Nd4j.getRandom().setSeed(22);
        INDArray x = Nd4j.rand(DataType.FLOAT, 9, 3, 6).lt(0.5).castTo(DataType.FLOAT);
        float[] y = run(m, x.data().asFloat(), 9, 3, 6);
        double rate = 0;
        for (float v : y) {
            rate += v;
        }
        rate /= y.length;
        org.junit.jupiter.api.Assertions.assertTrue(rate > 0.05 && rate < 0.95, "must spike and stay silent " + rate);
        Path f = dir.resolve("new.nir");
        Nir.write(m, f, DT, 6);
        assertArrayEquals(y, run(Nir.read(f, DT), x.data().asFloat(), 9, 3, 6));
        Path saved = dir.resolve("new.safetensors");
        Models.save(m, saved);
        assertArrayEquals(y, run(Models.load(saved), x.data().asFloat(), 9, 3, 6));
    }
}

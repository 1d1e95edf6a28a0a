package io.matterhorn.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.matterhorn.snn.Module;
import io.matterhorn.tensor.Tensor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A nested NIRGraph node is flattened: it runs like the same nodes written in one flat graph. */
class NirNestedGraphTest {
    private static final float[][] W = {{0.9f, -0.2f, 0.5f}, {0.3f, 0.8f, -0.4f}};
    private static final float[] B = {0.1f, 0.2f};

    private static void putChain(WritableGroup nodes) {
        nodes.putGroup("input").putDataset("type", "Input");
        WritableGroup a = nodes.putGroup("affine");
        a.putDataset("type", "Affine");
        a.putDataset("weight", W);
        a.putDataset("bias", B);
        WritableGroup lif = nodes.putGroup("lif");
        lif.putDataset("type", "LIF");
        lif.putDataset("tau", new float[] {2e-3f, 3e-3f});
        lif.putDataset("r", new float[] {1f, 1.5f});
        lif.putDataset("v_leak", new float[] {0f, 0.1f});
        lif.putDataset("v_threshold", new float[] {0.3f, 0.4f});
        lif.putDataset("v_reset", new float[] {0f, -0.1f});
        nodes.putGroup("output").putDataset("type", "Output");
    }

    @Test
    void nestedGraphRunsLikeTheFlatOne(@TempDir Path dir) {
        String[][] inner = {{"input", "affine"}, {"affine", "lif"}, {"lif", "output"}};
        Path flat = dir.resolve("flat.nir");
        try (WritableHdfFile hdf = HdfFile.write(flat)) {
            hdf.putDataset("version", "1.0.8");
            WritableGroup root = hdf.putGroup("node");
            root.putDataset("type", "NIRGraph");
            putChain(root.putGroup("nodes"));
            root.putDataset("edges", inner);
        }
        Path nested = dir.resolve("nested.nir");
        try (WritableHdfFile hdf = HdfFile.write(nested)) {
            hdf.putDataset("version", "1.0.8");
            WritableGroup root = hdf.putGroup("node");
            root.putDataset("type", "NIRGraph");
            WritableGroup nodes = root.putGroup("nodes");
            WritableGroup in = nodes.putGroup("in");
            in.putDataset("type", "Input");
            in.putDataset("shape", new long[] {3});
            WritableGroup sub = nodes.putGroup("sub");
            sub.putDataset("type", "NIRGraph");
            putChain(sub.putGroup("nodes"));
            sub.putDataset("edges", inner);
            nodes.putGroup("out").putDataset("type", "Output");
            root.putDataset("edges", new String[][] {{"in", "sub"}, {"sub", "out"}});
        }
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.FLOAT, 10, 2, 3);
        Module a = Nir.read(flat, 1e-3);
        Module b = Nir.read(nested, 1e-3);
        float[] ya = a.forward(Tensor.of(x)).value().dup('c').data().asFloat();
        float[] yb = b.forward(Tensor.of(x)).value().dup('c').data().asFloat();
        float sum = 0;
        for (int i = 0; i < ya.length; i++) {
            assertEquals(ya[i], yb[i], 0.0, "element " + i);
            sum += ya[i];
        }
        assertTrue(sum > 0 && sum < ya.length, "the LIF must both spike and stay silent");
    }
}

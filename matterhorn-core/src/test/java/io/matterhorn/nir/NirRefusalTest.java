package io.matterhorn.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.matterhorn.model.TemporalWiseAttention;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.Linear;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made bad files are refused with a message naming the node and its type; nothing half-built is returned. */
class NirRefusalTest {

    private static Map<String, Object> node(String type, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Path file(Path dir, Map<String, Map<String, Object>> nodes, String[][] edges) {
        Path f = dir.resolve("g.nir");
        try (WritableHdfFile hdf = HdfFile.write(f)) {
            hdf.putDataset("version", "1.0.8");
            WritableGroup root = hdf.putGroup("node");
            root.putDataset("type", "NIRGraph");
            WritableGroup g = root.putGroup("nodes");
            for (Map.Entry<String, Map<String, Object>> n : nodes.entrySet()) {
                WritableGroup ng = g.putGroup(n.getKey());
                n.getValue().forEach(ng::putDataset);
            }
            root.putDataset("edges", edges);
        }
        return f;
    }

    private static Map<String, Map<String, Object>> mlp(Map<String, Object> middle) {
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        nodes.put("input", node("Input", "shape", new long[] {3}));
        nodes.put("affine", node("Affine", "weight", new float[2][3], "bias", new float[2]));
        nodes.put("mid", middle);
        nodes.put("output", node("Output", "shape", new long[] {2}));
        return nodes;
    }

    private static final String[][] CHAIN = {{"input", "affine"}, {"affine", "mid"}, {"mid", "output"}};

    private static Map<String, Object> lif(float[] tau) {
        return node("LIF", "tau", tau, "r", new float[2], "v_leak", new float[2], "v_threshold", new float[2],
                "v_reset", new float[2]);
    }

    private static String refusal(Path f) {
        return assertThrows(NirFormatException.class, () -> Nir.read(f, 1e-3)).getMessage();
    }

    @Test
    void aValidHandMadeFileLoads(@TempDir Path dir) {
        Nir.read(file(dir, mlp(lif(new float[] {0.01f, 0.02f})), CHAIN), 1e-3);
    }

    @Test
    void cycleIsRefusedNamingNodeAndType(@TempDir Path dir) {
        String[][] edges = {{"input", "affine"}, {"affine", "mid"}, {"mid", "affine"}, {"mid", "output"}};
        String msg = refusal(file(dir, mlp(lif(new float[] {0.01f, 0.02f})), edges));
        assertTrue(msg.contains("cycle") && msg.contains("'affine'") && msg.contains("Affine"), msg);
    }

    @Test
    void unknownTypeIsRefusedNamingNodeAndType(@TempDir Path dir) {
        String msg = refusal(file(dir, mlp(node("Spiky", "gain", new float[2])), CHAIN));
        assertTrue(msg.contains("'mid'") && msg.contains("'Spiky'") && msg.contains("unknown type"), msg);
    }

    @Test
    void unsupportedKnownTypeIsRefusedNamingIt(@TempDir Path dir) {
        String msg = refusal(file(dir, mlp(node("Conv3d", "weight", new float[2])), CHAIN));
        assertTrue(msg.contains("'mid'") && msg.contains("Conv3d"), msg);
    }

    @Test
    void missingParameterIsRefused(@TempDir Path dir) {
        Map<String, Object> noThreshold = lif(new float[] {0.01f, 0.02f});
        noThreshold.remove("v_threshold");
        String msg = refusal(file(dir, mlp(noThreshold), CHAIN));
        assertTrue(msg.contains("'mid'") && msg.contains("LIF") && msg.contains("'v_threshold'"), msg);
    }

    @Test
    void newNodeTypesAreCheckedLikeTheOthers(@TempDir Path dir) {
        String msg = refusal(file(dir, mlp(node("I", "gain", new float[2])), CHAIN));
        assertTrue(msg.contains("'mid'") && msg.contains("type I ") && msg.contains("'r'"), msg);
        msg = refusal(file(dir, mlp(node("Threshold", "threshold", new float[3])), CHAIN));
        assertTrue(msg.contains("does not run on its Input shape") && msg.contains("Threshold"), msg);
        msg = refusal(file(dir, mlp(node("CubaLI", "tau_syn", new float[2], "tau_mem", new float[2], "r",
                new float[2])), CHAIN));
        assertTrue(msg.contains("'mid'") && msg.contains("CubaLI") && msg.contains("'v_leak'"), msg);
    }

    @Test
    void wrongShapeIsRefused(@TempDir Path dir) {
        String msg = refusal(file(dir, mlp(lif(new float[] {0.01f, 0.02f, 0.03f})), CHAIN));
        assertTrue(msg.contains("'mid'") && msg.contains("LIF") && msg.contains("[3]") && msg.contains("[2]"), msg);
    }

    @Test
    void mergeOfDifferentShapesIsRefused(@TempDir Path dir) {
        // input [3] and affine [2] both feed mid: the sum is undefined
        String[][] edges = {{"input", "affine"}, {"affine", "mid"}, {"mid", "output"}, {"input", "mid"}};
        String msg = refusal(file(dir, mlp(lif(new float[] {0.01f, 0.02f})), edges));
        assertTrue(msg.contains("'mid'") && msg.contains("differ in shape") && msg.contains("g.nir"), msg);
    }

    @Test
    void nodeOffTheInputToOutputPathIsRefused(@TempDir Path dir) {
        String[][] edges = {{"input", "affine"}, {"affine", "output"}, {"affine", "mid"}};
        String msg = refusal(file(dir, mlp(lif(new float[] {0.01f, 0.02f})), edges));
        assertTrue(msg.contains("mid (LIF)") && msg.contains("not on a path"), msg);
    }

    @Test
    void truncatedFileIsRefused(@TempDir Path dir) throws IOException {
        byte[] all = Files.readAllBytes(NirFixtures.file("mlp_lif.nir"));
        Path cut = dir.resolve("cut.nir");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        String msg = refusal(cut);
        assertTrue(msg.contains("cut.nir"), msg);
        Files.write(cut, java.util.Arrays.copyOf(all, 100));
        assertTrue(refusal(cut).contains("cut.nir"));
    }

    @Test
    void moduleWithoutCounterpartIsRefusedOnWriteAndNoFileIsLeft(@TempDir Path dir) {
        Path f = dir.resolve("x.nir");
        Sequential m = new Sequential(new Linear(4, 4), LIF.builder().hardReset(false).build());
        String msg = assertThrows(IllegalArgumentException.class, () -> Nir.write(m, f, 1e-3, 4)).getMessage();
        assertTrue(msg.contains("LIF") && msg.contains("soft reset"), msg);
        TemporalWiseAttention twa = new TemporalWiseAttention(4, 2, 0.5);
        msg = assertThrows(IllegalArgumentException.class,
                () -> Nir.write(new Sequential(new Linear(4, 4), twa), f, 1e-3, 4)).getMessage();
        assertTrue(msg.contains("TemporalWiseAttention") && msg.contains("no NIR counterpart"), msg);
        assertEquals(0, dir.toFile().list().length, "no file, not even a partial one");
    }
}

package io.matterhorn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.StateDictException;
import io.matterhorn.snn.StateDictLoad;
import io.matterhorn.snn.container.Plain;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.soma.ResponseSoma;
import io.matterhorn.snn.synapse.BatchNorm1d;
import io.matterhorn.snn.synapse.Linear;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * State dicts and model files that do not fit: every case names the problem (and the file), and the target
 * model is left exactly as it was.
 */
class ModelFileBadInputTest {
    @TempDir
    Path dir;

    private static Sequential model(long seed) {
        Random r = new Random(seed);
        return new Sequential(new Linear(4, 3, true, false, r), new BatchNorm1d(3),
                LIF.builder().trainable(true).build(), new Linear(3, 2, false, false, r));
    }

    private static void assertUnchanged(Map<String, INDArray> before, Module m) {
        Map<String, INDArray> after = m.stateDict();
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, v) -> assertEquals(v, after.get(k), k + " unchanged"));
    }

    @Test
    void stateDictUsesPyTorchNamesAndOrderAndReturnsCopies() {
        Sequential m = model(1);
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "2.module.tau_m", "3.weight"), List.copyOf(m.stateDict().keySet()));
        m.stateDict().get("0.weight").assign(100);
        assertFalse(m.stateDict().get("0.weight").equals(Nd4j.valueArrayOf(new long[] {3, 4}, 100f)),
                "the state dict is a copy");
    }

    @Test
    void strictLoadListsEveryProblemAndChangesNothing() {
        Sequential m = model(1);
        Map<String, INDArray> before = m.stateDict();
        Map<String, INDArray> bad = model(2).stateDict();
        bad.remove("3.weight");
        bad.put("9.weight", Nd4j.zeros(DataType.FLOAT, 2));
        bad.put("0.weight", Nd4j.zeros(DataType.FLOAT, 4, 3));
        bad.put("0.bias", Nd4j.zeros(DataType.DOUBLE, 3));
        bad.put("1.num_batches_tracked", Nd4j.scalar(1.0f));
        StateDictException e = assertThrows(StateDictException.class, () -> m.loadStateDict(bad));
        assertEquals(5, e.problems().size(), e.getMessage());
        for (String s : List.of("missing key '3.weight'", "unexpected key '9.weight'", "'0.weight' has shape [4, 3]",
                "'0.bias' has data type DOUBLE", "'1.num_batches_tracked' has data type FLOAT")) {
            assertTrue(e.getMessage().contains(s), s + " in " + e.getMessage());
        }
        assertUnchanged(before, m);
    }

    @Test
    void nonStrictLoadReportsMissingAndUnexpectedKeysAndLoadsTheRest() {
        Sequential m = model(1);
        Map<String, INDArray> part = new LinkedHashMap<>();
        INDArray w = Nd4j.ones(DataType.FLOAT, 3, 4);
        part.put("0.weight", w);
        part.put("extra", Nd4j.zeros(DataType.FLOAT, 1));
        StateDictLoad.Result r = m.loadStateDictNonStrict(part);
        assertEquals(List.of("extra"), r.unexpectedKeys());
        assertEquals(8, r.missingKeys().size());
        assertTrue(r.missingKeys().contains("3.weight"));
        assertEquals(w, m.stateDict().get("0.weight"));
    }

    @Test
    void scalarParametersAcceptZeroDimensionalAndOneElementArrays() {
        Sequential m = model(1);
        Map<String, INDArray> s = m.stateDict();
        s.put("2.module.tau_m", Nd4j.createFromArray(3.5f)); // shape [1]
        m.loadStateDict(s);
        assertEquals(3.5f, m.stateDict().get("2.module.tau_m").getFloat(0));
        assertEquals(0, m.stateDict().get("2.module.tau_m").rank(), "the parameter keeps its 0-d shape");
        s.put("2.module.tau_m", Nd4j.scalar(4.5f)); // shape []
        m.loadStateDict(s);
        assertEquals(4.5f, m.stateDict().get("2.module.tau_m").getFloat(0));
    }

    @Test
    void nanInAParameterIsRefusedNamingIt() throws Exception {
        Sequential m = model(1);
        Map<String, INDArray> before = m.stateDict();
        Map<String, INDArray> s = m.stateDict();
        s.get("3.weight").putScalar(1, 2, Float.NaN);
        StateDictException e = assertThrows(StateDictException.class, () -> m.loadStateDict(s));
        assertTrue(e.getMessage().contains("'3.weight' contains NaN (first at flat index 5)"), e.getMessage());
        assertUnchanged(before, m);
        // the same through a model file
        Path file = dir.resolve("nan.safetensors");
        Models.save(m, file);
        Map<String, String> meta = SafeTensors.readMetadata(file);
        SafeTensors.write(s, meta, file);
        ModelFileException fe = assertThrows(ModelFileException.class, () -> Models.load(file));
        assertTrue(fe.getMessage().startsWith(file.toString()) && fe.getMessage().contains("'3.weight' contains NaN"),
                fe.getMessage());
    }

    @Test
    void loadingIntoAnotherArchitectureNamesTheFileAndChangesNothing() throws Exception {
        Path file = dir.resolve("m.safetensors");
        Models.save(model(1), file);
        Sequential wider = new Sequential(new Linear(4, 5), new BatchNorm1d(5), LIF.builder().trainable(true).build(),
                new Linear(5, 2, false));
        Map<String, INDArray> before = wider.stateDict();
        ModelFileException e = assertThrows(ModelFileException.class, () -> Models.loadInto(wider, file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("architecture differs"),
                e.getMessage());
        assertUnchanged(before, wider);
        // same shapes but another threshold: still another architecture
        Sequential otherThreshold = new Sequential(new Linear(4, 3), new BatchNorm1d(3),
                LIF.builder().trainable(true).uThreshold(0.5).build(), new Linear(3, 2, false));
        assertThrows(ModelFileException.class, () -> Models.loadInto(otherThreshold, file));
        // an undescribable target is checked by its state dict alone
        Sequential same = model(3);
        Models.loadInto(same, file);
        assertEquals(model(1).stateDict().get("0.weight"), same.stateDict().get("0.weight"));
    }

    @Test
    void newerFormatVersionsAndPlainStateDictsAreRefusedClearly() throws Exception {
        Path file = dir.resolve("v.safetensors");
        Sequential m = model(1);
        Models.save(m, file);
        Map<String, String> meta = new LinkedHashMap<>(SafeTensors.readMetadata(file));
        meta.put("format_version", "2");
        SafeTensors.write(m.stateDict(), meta, file);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Models.load(file));
        assertTrue(e.getMessage().contains("format version 2 is newer"), e.getMessage());
        SafeTensors.write(m.stateDict(), file);
        e = assertThrows(ModelFileException.class, () -> Models.load(file));
        assertTrue(e.getMessage().contains("without a recorded architecture"), e.getMessage());
        meta.put("format_version", "1");
        meta.put("architecture", "{\"type\":\"Warp\",\"step_mode\":\"multi\",\"config\":{}}");
        SafeTensors.write(m.stateDict(), meta, file);
        e = assertThrows(ModelFileException.class, () -> Models.load(file));
        assertTrue(e.getMessage().contains("unknown module type 'Warp'"), e.getMessage());
        meta.put("architecture", "{\"type\":\"Linear\",\"step_mode\":\"multi\",\"config\":{\"in_features\":4}}");
        SafeTensors.write(m.stateDict(), meta, file);
        e = assertThrows(ModelFileException.class, () -> Models.load(file));
        assertTrue(e.getMessage().contains("setting 'out_features' is missing"), e.getMessage());
    }

    @Test
    void undescribableModulesFailToSaveNamingThemAndHowToRegister() throws Exception {
        Path file = dir.resolve("u.safetensors");
        Sequential withLambda = new Sequential(new Linear(2, 2), Plain.function("mystery", t -> t.mul(3)));
        UndescribableModuleException e = assertThrows(UndescribableModuleException.class,
                () -> Models.save(withLambda, file));
        assertTrue(e.getMessage().contains("model.1") && e.getMessage().contains("registerFunction(\"mystery\""),
                e.getMessage());
        Map<String, Double> init = new LinkedHashMap<>();
        init.put("tau", 2.0);
        Sequential custom = new Sequential(new Linear(2, 2),
                new ResponseSoma((h, x, p) -> h.add(x.div(p.get("tau"))), init));
        e = assertThrows(UndescribableModuleException.class, () -> Models.save(custom, file));
        assertTrue(e.getMessage().contains("ResponseSoma") && e.getMessage().contains("Architecture.register("),
                e.getMessage());
        assertFalse(Files.exists(file), "nothing was written");
    }
}

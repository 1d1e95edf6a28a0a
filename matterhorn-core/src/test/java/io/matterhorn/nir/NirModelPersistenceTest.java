package io.matterhorn.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import io.matterhorn.io.Models;
import io.matterhorn.snn.Module;
import io.matterhorn.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Models imported from NIR (array somas, sum pool, analog flatten) survive a whole-model save and load. */
class NirModelPersistenceTest {

    private static void roundTrip(String kase, Path dir) throws IOException {
        JsonObject io = NirFixtures.io(kase);
        Module m = Nir.read(NirFixtures.file(kase + ".nir"), io.get("dt").getAsDouble());
        Path saved = dir.resolve(kase + ".safetensors");
        Models.save(m, saved);
        Module back = Models.load(saved);
        INDArray x = NirFixtures.array(io.getAsJsonObject("input"));
        INDArray expected = NirFixtures.array(io.getAsJsonObject("expected"));
        float[] e = expected.dup('c').data().asFloat();
        float[] y = back.forward(Tensor.of(x)).value().dup('c').data().asFloat();
        assertEquals(e.length, y.length, kase);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], y[i], 4 * Math.ulp(Math.max(1f, Math.abs(e[i]))), kase + " element " + i);
        }
    }

    @Test
    void convIfLiModelSurvivesSaveAndLoad(@TempDir Path dir) throws IOException {
        roundTrip("conv_if_li", dir);
    }

    @Test
    void cubaLifModelSurvivesSaveAndLoad(@TempDir Path dir) throws IOException {
        roundTrip("cuba_lif", dir);
    }
}

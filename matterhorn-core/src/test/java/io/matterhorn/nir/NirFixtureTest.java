package io.matterhorn.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.matterhorn.snn.Module;
import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The three graphs written by the reference nir package run to the outputs of an independent numpy simulation:
 * spikes exactly, the LI potentials to float32 rounding.
 */
class NirFixtureTest {

    private static INDArray[] run(String kase) {
        JsonObject io = NirFixtures.io(kase);
        Module m = Nir.read(NirFixtures.file(kase + ".nir"), io.get("dt").getAsDouble());
        INDArray x = NirFixtures.array(io.getAsJsonObject("input"));
        INDArray expected = NirFixtures.array(io.getAsJsonObject("expected"));
        INDArray y = m.forward(Tensor.of(x)).value();
        assertArrayEquals(expected.shape(), y.shape(), kase + ": output shape");
        return new INDArray[] {expected, y};
    }

    private static void assertSpikesEqual(String kase) {
        INDArray[] r = run(kase);
        float[] e = r[0].dup('c').data().asFloat();
        float[] y = r[1].dup('c').data().asFloat();
        int spikes = 0;
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], y[i], 0.0, kase + ": element " + i);
            spikes += (int) e[i];
        }
        assertTrue(spikes > 0 && spikes < e.length, kase + ": the fixture must hold spikes and silences");
    }

    @Test
    void mlpLifSpikesMatchExactly() {
        assertSpikesEqual("mlp_lif");
    }

    @Test
    void cubaLifSpikesMatchExactly() {
        assertSpikesEqual("cuba_lif");
    }

    @Test
    void convIfLiPotentialsMatchToFloat32Rounding() {
        INDArray[] r = run("conv_if_li");
        float[] e = r[0].dup('c').data().asFloat();
        float[] y = r[1].dup('c').data().asFloat();
        for (int i = 0; i < e.length; i++) {
            float tol = 4 * Math.ulp(Math.max(1f, Math.abs(e[i])));
            assertEquals(e[i], y[i], tol, "conv_if_li: element " + i);
        }
    }
}

package io.matterhorn.io;

import io.matterhorn.format.StrictJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** The architecture description: strict JSON, user codecs, and the comparison that ignores parameter values. */
class ArchitectureTest {
    @TempDir
    Path dir;

    /** A user module: y = scale * x, with the scale a constructor setting (not a parameter). */
    static final class Scale extends Module {
        private final double scale;

        Scale(double scale) {
            this.scale = scale;
        }

        double scale() {
            return scale;
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.mul(scale);
        }
    }

    @Test
    void aRegisteredUserModuleRoundTrips() throws Exception {
        Sequential model = new Sequential(new Linear(3, 2), new Scale(2.5));
        assertThrows(UndescribableModuleException.class, () -> Architecture.describe(model));
        ModuleCodec<Scale> codec = new ModuleCodec<>() {
            @Override
            public void describe(Scale module, ModuleConfig config) {
                config.put("scale", module.scale());
            }

            @Override
            public Scale build(ModuleConfig config) {
                return new Scale(config.getDouble("scale"));
            }
        };
        Architecture.register("test.Scale", Scale.class, codec);
        Path file = dir.resolve("scale.safetensors");
        Models.save(model, file);
        Module loaded = Models.load(file);
        assertEquals(2.5, ((Scale) loaded.children().get(1)).scale());
        Tensor x = Tensor.of(Nd4j.createFromArray(new float[][] {{1, 2, 3}}).reshape(1, 1, 3));
        assertEquals(model.forward(x).value(), loaded.forward(x).value());
        assertThrows(IllegalArgumentException.class,
                () -> Architecture.register("Linear", Scale.class, codec), "names cannot be taken over");
    }

    @Test
    void sameArchitectureIgnoresParameterValuedSettingsOnly() {
        LIF a = LIF.builder().tauM(2).trainable(true).build();
        LIF b = LIF.builder().tauM(3).trainable(true).build();
        LIF c = LIF.builder().tauM(2).trainable(true).uThreshold(0.5).build();
        assertFalse(Architecture.describe(a).equals(Architecture.describe(b)), "tau_m is written");
        assertTrue(Architecture.sameArchitecture(Architecture.describe(a), Architecture.describe(b)));
        assertFalse(Architecture.sameArchitecture(Architecture.describe(a), Architecture.describe(c)));
    }

    @Test
    void strictJsonRefusesDuplicatesDeepNestingTrailingDataAndLenientSyntax() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StrictJson.parse("{\"a\":1,\"a\":2}"))
                .getMessage().contains("duplicate key 'a'"));
        String deep = "[".repeat(StrictJson.MAX_DEPTH + 2) + "]".repeat(StrictJson.MAX_DEPTH + 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StrictJson.parse(deep)).getMessage()
                .contains("deeper than"));
        assertThrows(IllegalArgumentException.class, () -> StrictJson.parse("{} {}"));
        assertThrows(IllegalArgumentException.class, () -> StrictJson.parse("{a: 1}"));
        assertThrows(IllegalArgumentException.class, () -> StrictJson.parse("{\"a\": 1, // c\n}"));
        assertThrows(IllegalArgumentException.class, () -> StrictJson.parse("[1,]"));
        JsonElement ok = StrictJson.parse("{\"x\": [1e2, -0.5, 12345678901234567890], \"s\": \"\\u00e9\"}");
        assertEquals(100.0, ok.getAsJsonObject().get("x").getAsJsonArray().get(0).getAsDouble());
        assertEquals("12345678901234567890", ok.getAsJsonObject().get("x").getAsJsonArray().get(2)
                .getAsBigDecimal().toPlainString());
        assertEquals("é", ok.getAsJsonObject().get("s").getAsString());
    }

    @Test
    void malformedArchitecturesNameThePathAndSetting() {
        String bad = "{\"type\":\"Sequential\",\"step_mode\":\"multi\",\"config\":{\"modules\":["
                + "{\"type\":\"Linear\",\"step_mode\":\"multi\",\"config\":{\"in_features\":2,"
                + "\"out_features\":\"three\",\"bias\":true}}]}}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Architecture.build(bad));
        assertTrue(e.getMessage().contains("model.0") && e.getMessage().contains("'out_features'"), e.getMessage());
        String mode = "{\"type\":\"Linear\",\"step_mode\":\"sideways\",\"config\":{\"in_features\":2,"
                + "\"out_features\":3,\"bias\":true}}";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Architecture.build(mode)).getMessage()
                .contains("step_mode"));
        String extra = "{\"type\":\"Linear\",\"step_mode\":\"multi\",\"config\":{},\"more\":1}";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Architecture.build(extra)).getMessage()
                .contains("unknown field 'more'"));
    }
}

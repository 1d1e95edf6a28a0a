package io.matterhorn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.examples.mlp.MlpConfig;
import io.matterhorn.examples.mlp.MlpExample;
import io.matterhorn.examples.train.OptimizerRecipe;
import io.matterhorn.optim.AdamW;
import io.matterhorn.optim.LRScheduler;
import io.matterhorn.optim.Optimizer;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.tensor.Tensor;
import io.matterhorn.train.EpochResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The example CLI's training recipe: AdamW + clipping + warm-up cosine, built and run at tiny size. */
class OptimizerRecipeTest {

    @Test
    void buildsAdamWWithWarmupThenCosine() {
        OptimizerRecipe r = new OptimizerRecipe("AdamW", 0.01, 1.0, 2, 0.1);
        Optimizer opt = r.optimizer(List.of(Tensor.parameter(Nd4j.ones(3), true)), 1e-3);
        assertInstanceOf(AdamW.class, opt);
        assertEquals(0.01, opt.paramGroups().get(0).weightDecay());
        LRScheduler s = r.schedule(opt, 100);
        assertEquals(1e-4, opt.learningRate(), 1e-15);
        s.step();
        assertEquals(5.5e-4, opt.learningRate(), 1e-15);
        s.step();
        assertEquals(1e-3, opt.learningRate(), 1e-15);
        s.step();
        assertEquals(1e-3 * (1 + Math.cos(Math.PI / 100)) / 2, opt.learningRate(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new OptimizerRecipe("lamb", 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new OptimizerRecipe("adam", 0, -1, 0, 1));
    }

    @Test
    void exampleOneRunsWithTheRecipe() throws Exception {
        MlpConfig config = new MlpConfig(2, 100, 8, 64, 5e-3, new Sigmoid(), 7L, null, 12, false);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<EpochResult> results = new MlpExample(config, new OptimizerRecipe("adamw", 0.01, 1.0, 1, 0.5),
                new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("adamw wd 0.01, clip 1.0, warm-up 1 from 0.5"), printed);
        assertEquals(2, results.size());
        assertTrue(results.get(1).loss() < results.get(0).loss(), "loss should fall: " + results);
    }
}

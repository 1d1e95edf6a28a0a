package io.matterhorn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.matterhorn.optim.Adam;
import io.matterhorn.optim.Losses;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training steps inside a MemoryScope must give exactly the same parameters (and gradients) as the same steps
 * without a scope: parameters, their gradients and optimiser state live outside the scope and survive it.
 */
class MemoryScopeTrainingTest {
    private static final int STEPS = 4;

    private static Sequential network() {
        Random r = new Random(12);
        return new Sequential(new PoissonEncoder(6, 99L), new Linear(20, 12, true, false, r),
                LIF.builder().spikingFunction(new Sigmoid()).trainable(true).build(),
                new Linear(12, 3, true, false, r), LIF.builder().spikingFunction(new Sigmoid()).build(),
                new AvgSpikeDecoder());
    }

    /** Runs the steps, with or without a scope around each; returns the losses. */
    private static List<Double> train(Sequential net, boolean scoped) {
        Nd4j.getRandom().setSeed(8);
        Tensor x = Tensor.of(Nd4j.rand(DataType.FLOAT, 5, 20));
        int[] labels = {0, 1, 2, 1, 0};
        Tensor target = Tensor.oneHot(labels, 3);
        Adam opt = new Adam(net.trainableParameters(), 0.05);
        List<Double> losses = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            if (scoped) {
                try (var scope = MemoryScope.open("scope-test")) {
                    losses.add(step(net, opt, x, target));
                }
            } else {
                losses.add(step(net, opt, x, target));
            }
        }
        return losses;
    }

    private static double step(Sequential net, Adam opt, Tensor x, Tensor target) {
        Tensor loss = Losses.mse(net.forward(x), target);
        opt.zeroGrad();
        loss.backward();
        opt.step();
        return loss.item();
    }

    @Test
    void scopedStepsMatchUnscopedSteps() {
        Sequential plain = network();
        Sequential scoped = network();
        List<Double> a = train(plain, false);
        List<Double> b = train(scoped, true);
        assertEquals(a, b, "losses");
        Map<String, Tensor> pa = plain.namedParameters();
        Map<String, Tensor> pb = scoped.namedParameters();
        // the steps did update the parameters (otherwise the comparison would be vacuous)
        float[] initial = network().namedParameters().get("1.weight").toFloatArray();
        assertFalse(java.util.Arrays.equals(initial, pa.get("1.weight").toFloatArray()));
        assertFalse(java.util.Arrays.equals(new float[] {2f}, pa.get("2.module.tau_m").toFloatArray()));
        for (String k : pa.keySet()) {
            assertArrayEquals(pa.get(k).toFloatArray(), pb.get(k).toFloatArray(), 0f, "parameter " + k);
            if (pa.get(k).requiresGrad()) {
                assertNotNull(pb.get(k).grad(), "gradient of " + k + " survives the scope");
                assertArrayEquals(pa.get(k).grad().dup('c').data().asFloat(),
                        pb.get(k).grad().dup('c').data().asFloat(), 0f, "gradient of " + k);
            }
        }
    }

    @Test
    void detachedCopyOutlivesTheScope() {
        Tensor kept;
        try (var scope = MemoryScope.open("copy-test")) {
            Tensor inside = Tensor.of(Nd4j.create(new float[] {1f, 2f, 3f}, new long[] {3}, 'c')).mul(2.0);
            kept = inside.detachedCopy();
        }
        assertArrayEquals(new float[] {2f, 4f, 6f}, kept.toFloatArray(), 0f);
    }

    @Test
    void blankNameIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> MemoryScope.open(" "));
        assertThrows(IllegalArgumentException.class, () -> MemoryScope.open(null));
    }
}

package io.matterhorn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.optim.Adam;
import io.matterhorn.optim.Losses;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.Tensor;
import java.util.Collections;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * End-to-end sanity: a two-layer spiking network trained with surrogate gradients and Adam on a fixed toy
 * problem (which of two inputs is larger) must clearly reduce its MSE loss, and do so deterministically.
 */
class TinyNetworkTrainingTest {
    private static final int T = 8;
    /** Toy inputs (two features each) and labels: class 0 when the first feature is larger. */
    private static final float[] X = {
        1.8f, 0.2f, 0.3f, 1.6f, 1.2f, 0.4f, 0.1f, 1.9f,
        1.5f, 1.0f, 0.9f, 1.7f, 2.0f, 0.6f, 0.5f, 1.3f,
    };
    private static final int[] LABELS = {0, 1, 0, 1, 0, 1, 0, 1};

    /** Losses per step (before each update) and the trained network. */
    private record Result(double[] losses, Sequential net) {
    }

    private static Sequential network(long seed) {
        Random r = new Random(seed);
        return new Sequential(new Linear(2, 16, true, false, r),
                LIF.builder().spikingFunction(new Sigmoid()).build(),
                new Linear(16, 2, true, false, r),
                LIF.builder().spikingFunction(new Sigmoid()).build(),
                new AvgSpikeDecoder());
    }

    /** The same input at every step: [T, B, 2]. */
    private static Tensor inputSequence() {
        Tensor x = Tensor.of(Nd4j.create(X, new long[] {LABELS.length, 2}, 'c'));
        return Tensor.stack(Collections.nCopies(T, x));
    }

    private static Result train(long seed, int steps) {
        Sequential net = network(seed);
        Adam opt = new Adam(net.trainableParameters(), 0.05);
        Tensor seq = inputSequence();
        Tensor target = Tensor.oneHot(LABELS, 2);
        double[] losses = new double[steps];
        for (int s = 0; s < steps; s++) {
            Tensor loss = Losses.mse(net.forward(seq), target);
            losses[s] = loss.item();
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        return new Result(losses, net);
    }

    @Test
    void lossDropsClearly() {
        Result r = train(3, 50);
        double first = r.losses()[0];
        int n = r.losses().length;
        double last = (r.losses()[n - 1] + r.losses()[n - 2] + r.losses()[n - 3]) / 3;
        assertTrue(last < 0.7 * first, "loss went from " + first + " to " + last);
        try (var ignored = Grad.disabled()) {
            Tensor rates = r.net().forward(inputSequence());
            assertArrayEquals(new long[] {LABELS.length, 2}, rates.shape());
            assertTrue(Losses.correct(rates, LABELS) >= 7, "trained network classifies the toy set");
        }
    }

    @Test
    void trainingIsDeterministic() {
        Result a = train(4, 12);
        Result b = train(4, 12);
        assertArrayEquals(a.losses(), b.losses(), 0.0);
        assertEquals(a.net().namedParameters().keySet(), b.net().namedParameters().keySet());
        for (String k : a.net().namedParameters().keySet()) {
            assertArrayEquals(a.net().namedParameters().get(k).toFloatArray(),
                    b.net().namedParameters().get(k).toFloatArray(), 0f, k);
        }
    }
}

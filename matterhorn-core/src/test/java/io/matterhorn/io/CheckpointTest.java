package io.matterhorn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.optim.Adam;
import io.matterhorn.optim.CosineAnnealingLR;
import io.matterhorn.optim.Losses;
import io.matterhorn.optim.Optimizer;
import io.matterhorn.optim.SGD;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.BatchNorm1d;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Resuming from the checkpoint written after epoch k reaches bit-identical parameters after epoch n to a run that
 * was never interrupted: with Adam and a cosine schedule, and with SGD momentum; the model has a seeded Poisson
 * encoder (random state), trainable tau_m and BatchNorm statistics (buffers), and the batch order is reshuffled
 * every epoch from (seed, epoch) as the data loaders do.
 */
class CheckpointTest {
    private static final int SAMPLES = 12;
    private static final int BATCH = 4;
    private static final int N = 4;
    private static final int K = 2;

    @TempDir
    Path dir;

    private static final float[][] X = new float[SAMPLES][6];
    private static final int[] LABELS = new int[SAMPLES];

    static {
        Random r = new Random(5);
        for (int i = 0; i < SAMPLES; i++) {
            LABELS[i] = i % 3;
            for (int j = 0; j < 6; j++) {
                X[i][j] = (float) (r.nextDouble() * 0.5 + (j / 2 == LABELS[i] ? 0.5 : 0));
            }
        }
    }

    private static Module network() {
        Random init = new Random(11);
        return new Sequential(new PoissonEncoder(6, 99), new Linear(6, 10, true, false, init), new BatchNorm1d(10),
                LIF.builder().spikingFunction(new Sigmoid()).trainable(true).build(),
                new Linear(10, 3, true, false, init), LIF.builder().spikingFunction(new Sigmoid()).build(),
                new AvgSpikeDecoder());
    }

    /** A permutation of the samples that depends only on (seed, epoch), as BatchLoader's. */
    private static int[] order(int epoch) {
        int[] idx = new int[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            idx[i] = i;
        }
        Random r = new Random(1234L * 31 + epoch);
        for (int i = SAMPLES - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }

    private static void trainEpoch(Module net, Optimizer opt, CosineAnnealingLR schedule, int epoch) {
        net.train();
        int[] idx = order(epoch);
        for (int b = 0; b < SAMPLES; b += BATCH) {
            float[][] xb = new float[BATCH][];
            int[] yb = new int[BATCH];
            for (int i = 0; i < BATCH; i++) {
                xb[i] = X[idx[b + i]];
                yb[i] = LABELS[idx[b + i]];
            }
            opt.zeroGrad();
            Tensor loss = Losses.mse(net.forward(Tensor.of(Nd4j.create(xb))), Tensor.oneHot(yb, 3));
            loss.backward();
            opt.step();
            net.reset();
        }
        if (schedule != null) {
            schedule.step();
        }
    }

    private void resumeMatchesUninterrupted(Function<Module, Optimizer> makeOptimizer, boolean withSchedule)
            throws Exception {
        Module a = network();
        Optimizer optA = makeOptimizer.apply(a);
        CosineAnnealingLR schedA = withSchedule ? new CosineAnnealingLR(optA, N) : null;
        for (int e = 0; e < N; e++) {
            trainEpoch(a, optA, schedA, e);
        }

        Module b = network();
        Optimizer optB = makeOptimizer.apply(b);
        CosineAnnealingLR schedB = withSchedule ? new CosineAnnealingLR(optB, N) : null;
        for (int e = 0; e < K; e++) {
            trainEpoch(b, optB, schedB, e);
        }
        Path file = dir.resolve("after-" + K + ".safetensors");
        Checkpoint.save(file, b, optB, schedB, K, Map.of("note", "test"));

        Checkpoint ckpt = Checkpoint.read(file);
        assertEquals(K, ckpt.epoch());
        assertEquals("test", ckpt.userMetadata().get("note"));
        Module c = ckpt.model();
        Optimizer optC = makeOptimizer.apply(c);
        CosineAnnealingLR schedC = withSchedule ? new CosineAnnealingLR(optC, N) : null;
        ckpt.restore(c, optC, schedC);
        for (int e = ckpt.epoch(); e < N; e++) {
            trainEpoch(c, optC, schedC, e);
        }

        Map<String, INDArray> expected = a.stateDict();
        Map<String, INDArray> actual = c.stateDict();
        assertEquals(expected.keySet(), actual.keySet());
        for (String k : expected.keySet()) {
            assertArrayEquals(expected.get(k).dup('c').data().asDouble(), actual.get(k).dup('c').data().asDouble(),
                    0.0, k + " bit-identical");
        }
        assertEquals(optA.learningRate(), optC.learningRate(), 0.0);
        assertNotEquals(network().stateDict().get("1.weight"), actual.get("1.weight"), "training changed weights");
    }

    @Test
    void adamWithCosineScheduleResumesBitIdentically() throws Exception {
        resumeMatchesUninterrupted(m -> new Adam(m.trainableParameters(), 0.05), true);
    }

    @Test
    void sgdWithMomentumResumesBitIdentically() throws Exception {
        resumeMatchesUninterrupted(m -> new SGD(m.trainableParameters(), 0.2, 0.9, 1e-4), false);
    }

    @Test
    void withoutTheOptimiserStateTheRunDiverges() throws Exception {
        // the check above is sensitive: dropping Adam's moments on resume changes the result
        Module a = network();
        Adam optA = new Adam(a.trainableParameters(), 0.05);
        for (int e = 0; e < N; e++) {
            trainEpoch(a, optA, null, e);
        }
        Module b = network();
        Adam optB = new Adam(b.trainableParameters(), 0.05);
        for (int e = 0; e < K; e++) {
            trainEpoch(b, optB, null, e);
        }
        Adam fresh = new Adam(b.trainableParameters(), 0.05);
        for (int e = K; e < N; e++) {
            trainEpoch(b, fresh, null, e);
        }
        assertNotEquals(a.stateDict().get("1.weight"), b.stateDict().get("1.weight"));
    }

    @Test
    void restoreRefusesAnotherOptimiserOrSettingsAndChangesNothing() throws Exception {
        Module m = network();
        Adam adam = new Adam(m.trainableParameters(), 0.05);
        trainEpoch(m, adam, null, 0);
        Path file = dir.resolve("ckpt.safetensors");
        Checkpoint.save(file, m, adam, null, 1, Map.of());
        Checkpoint ckpt = Checkpoint.read(file);

        Module target = ckpt.model();
        Map<String, INDArray> before = network().stateDict();
        target.loadStateDict(before);
        SGD sgd = new SGD(target.trainableParameters(), 0.1);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ckpt.restore(target, sgd, null));
        assertTrue(e.getMessage().contains("Adam") && e.getMessage().contains(file.toString()), e.getMessage());

        Adam otherBetas = Adam.builder(target.trainableParameters()).learningRate(0.05).betas(0.8, 0.999).build();
        e = assertThrows(ModelFileException.class, () -> ckpt.restore(target, otherBetas, null));
        assertTrue(e.getMessage().contains("beta1"), e.getMessage());
        Map<String, INDArray> after = target.stateDict();
        before.forEach((k, v) -> assertEquals(v, after.get(k), k + " unchanged after a refused restore"));
        assertEquals(0, otherBetas.stateDict().keySet().stream().filter(k -> k.startsWith("state.")).count());
    }
}

package io.matterhorn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.optim.Adam;
import io.matterhorn.optim.StepLR;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;

/** The training loop: listener events, evaluation without gradients, scopes, learning. */
class TrainerTest {

    /** A spiking 4-8-2 network on rates; {@code seed} fixes weights and spikes. */
    static Module network(long seed) {
        Random r = new Random(seed);
        return new Sequential(new PoissonEncoder(8, seed), new Linear(4, 8, true, false, r),
                LIF.builder().spikingFunction(new Sigmoid()).build(), new Linear(8, 2, true, false, r),
                LIF.builder().spikingFunction(new Sigmoid()).build(), new AvgSpikeDecoder());
    }

    /**
     * A linearly separable two-class problem: class 0 lights inputs 0 and 1, class 1 inputs 2 and 3 (rates in
     * [0, 1] with noise).
     */
    static BatchSource separable(int batches, int batchSize, long seed) {
        return BatchSource.of(separableBatches(batches, batchSize, seed));
    }

    /** The batches of {@link #separable(int, int, long)}. */
    static List<LabeledBatch> separableBatches(int batches, int batchSize, long seed) {
        Random r = new Random(seed);
        List<LabeledBatch> list = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            float[] x = new float[batchSize * 4];
            int[] labels = new int[batchSize];
            for (int i = 0; i < batchSize; i++) {
                labels[i] = r.nextInt(2);
                for (int k = 0; k < 4; k++) {
                    boolean on = (k / 2) == labels[i];
                    x[i * 4 + k] = on ? 0.7f + 0.3f * r.nextFloat() : 0.2f * r.nextFloat();
                }
            }
            list.add(LabeledBatch.of(Tensor.of(Nd4j.create(x, new long[] {batchSize, 4}, 'c')), labels));
        }
        return list;
    }

    private static Trainer.Builder trainer(Module model) {
        return Trainer.builder(model).optimizer(new Adam(model.trainableParameters(), 0.05))
                .loss(LossFunction.mseOneHot(2));
    }

    @Test
    void learnsASeparableProblemClearlyAboveChance() {
        Module model = network(3);
        Trainer trainer = trainer(model).build();
        BatchSource train = separable(8, 16, 1);
        BatchSource test = separable(4, 25, 2);
        double before = trainer.evaluate(test).accuracy();
        List<EpochResult> history = trainer.fit(train, test, 8);
        EpochResult last = history.get(history.size() - 1);
        assertTrue(last.testAccuracy() >= 0.9, "test accuracy after 8 epochs: " + last.testAccuracy()
                + " (before training " + before + ", chance 0.5)");
        assertTrue(last.loss() < history.get(0).loss(), "loss must fall: " + history);
        assertEquals(100, trainer.evaluate(test).samples());
    }

    @Test
    void listenersHearEveryEpochAndBatchInOrder() {
        List<String> events = new ArrayList<>();
        Module model = network(5);
        Adam adam = new Adam(model.trainableParameters(), 0.05);
        StepLR schedule = new StepLR(adam, 1, 0.5);
        Trainer trainer = Trainer.builder(model).optimizer(adam).loss(LossFunction.mseOneHot(2)).schedule(schedule)
                .maxBatchesPerEpoch(3).listener(new TrainingListener() {
                    @Override
                    public void epochStarted(int epoch, int batches) {
                        events.add("start " + epoch + "/" + batches);
                    }

                    @Override
                    public void batchFinished(int epoch, int batch, long samples, double loss) {
                        events.add("batch " + epoch + "." + batch + " " + samples);
                    }

                    @Override
                    public void epochFinished(EpochResult result) {
                        events.add("end " + result.epoch() + " lr " + adam.learningRate());
                    }
                }).build();
        List<EpochResult> results = trainer.fit(separable(5, 10, 7), separable(1, 10, 8), 1, 3);
        assertEquals(List.of("start 2/3", "batch 2.1 10", "batch 2.2 20", "batch 2.3 30", "end 2 lr 0.025",
                "start 3/3", "batch 3.1 10", "batch 3.2 20", "batch 3.3 30", "end 3 lr 0.0125"), events);
        assertEquals(2, results.size());
        EpochResult r = results.get(0);
        assertEquals(2, r.epoch());
        assertEquals(30, r.samples());
        assertTrue(r.samplesPerSecond() > 0 && Double.isFinite(r.samplesPerSecond()), String.valueOf(r));
        assertTrue(r.testAccuracy() >= 0 && r.testAccuracy() <= 1 && Double.isFinite(r.testLoss()), String.valueOf(r));
        assertTrue(trainer.fit(separable(2, 4, 1), null, 5, 5).isEmpty(), "nothing left to train");
        assertTrue(Double.isNaN(trainer.fit(separable(2, 4, 1), null, 1).get(0).testAccuracy()));
    }

    @Test
    void evaluationRunsWithoutGradientsInEvalModeAndRestoresTheMode() {
        List<String> seen = new ArrayList<>();
        Module model = network(9);
        LossFunction probe = (output, labels) -> {
            seen.add((Grad.isEnabled() ? "grad" : "no-grad") + " " + (model.isTraining() ? "train" : "eval"));
            return LossFunction.mseOneHot(2).loss(output, labels);
        };
        Trainer trainer = Trainer.builder(model).optimizer(new Adam(model.trainableParameters(), 0.01)).loss(probe)
                .build();
        trainer.fit(separable(1, 4, 1), separable(2, 4, 2), 1);
        assertEquals(List.of("grad train", "no-grad eval", "no-grad eval"), seen);
        assertTrue(model.isTraining(), "fit leaves the model in training mode");
        model.eval();
        trainer.evaluate(separable(1, 4, 2));
        assertFalse(model.isTraining(), "evaluate restores the previous mode");
        assertTrue(Grad.isEnabled());
    }

    @Test
    void everyIterationRunsInItsOwnScopeAndNoScopeOutlivesIt() {
        List<String> workspaces = new ArrayList<>();
        Module model = network(11);
        LossFunction probe = (output, labels) -> {
            MemoryWorkspace ws = Nd4j.getMemoryManager().getCurrentWorkspace();
            workspaces.add(ws == null ? "none" : ws.getId());
            return LossFunction.mseOneHot(2).loss(output, labels);
        };
        Trainer trainer = Trainer.builder(model).optimizer(new Adam(model.trainableParameters(), 0.01)).loss(probe)
                .build();
        trainer.fit(separable(2, 4, 1), separable(1, 4, 2), 1);
        assertEquals(List.of("matterhorn-train", "matterhorn-train", "matterhorn-eval"), workspaces);
        assertFalse(Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread());

        LossFunction failing = (output, labels) -> {
            throw new IllegalStateException("loss failed");
        };
        Trainer broken = Trainer.builder(model).optimizer(new Adam(model.trainableParameters(), 0.01)).loss(failing)
                .build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> broken.fit(separable(1, 4, 1), null, 1));
        assertEquals("loss failed", e.getMessage());
        assertFalse(Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread(), "scope closed on failure");
    }

    @Test
    void closesAnEpochThatIsAutoCloseableAlsoWhenStoppingEarly() {
        BatchSource inner = separable(4, 4, 1);
        int[] closed = {0};
        BatchSource closing = new BatchSource() {
            @Override
            public Iterable<? extends LabeledBatch> epoch(int epochIndex) {
                return new ClosingEpoch(inner.epoch(epochIndex), closed);
            }

            @Override
            public int numBatches() {
                return inner.numBatches();
            }
        };
        Module model = network(2);
        trainer(model).maxBatchesPerEpoch(2).build().fit(closing, closing, 2);
        assertEquals(4, closed[0], "two training epochs and two evaluations");
    }

    /** An epoch that counts how often it is closed. */
    private record ClosingEpoch(Iterable<? extends LabeledBatch> batches, int[] closed)
            implements Iterable<LabeledBatch>, AutoCloseable {
        @Override
        @SuppressWarnings("unchecked")
        public java.util.Iterator<LabeledBatch> iterator() {
            return (java.util.Iterator<LabeledBatch>) batches.iterator();
        }

        @Override
        public void close() {
            closed[0]++;
        }
    }

    @Test
    void evaluationCoversEveryBatchOrTheConfiguredNumber() {
        Module model = network(4);
        BatchSource test = separable(5, 6, 3);
        assertEquals(30, trainer(model).build().evaluate(test).samples());
        assertEquals(12, trainer(model).maxBatchesPerEvaluation(2).build().evaluate(test).samples());
        Evaluation all = Trainer.evaluate(model, LossFunction.mseOneHot(2), test);
        assertEquals(30, all.samples());
        assertEquals(all.accuracy(), (double) all.correct() / all.samples(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Trainer.evaluate(model, LossFunction.mseOneHot(2), test,
                -1));
    }

    @Test
    void mappedInputsReachTheModelWithTheSameLabels() {
        List<String> shapes = new ArrayList<>();
        Module model = network(6);
        BatchSource wide = BatchSource.of(List.of(LabeledBatch.of(Tensor.of(Nd4j.ones(3, 6)), new int[] {0, 1, 1})));
        BatchSource narrowed = wide.mapInput(x -> {
            shapes.add(java.util.Arrays.toString(x.shape()));
            return Tensor.of(x.value().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4)).dup());
        });
        assertEquals(1, narrowed.numBatches());
        Evaluation e = trainer(model).build().evaluate(narrowed);
        assertEquals(3, e.samples());
        assertEquals(List.of("[3, 6]"), shapes);
        assertThrows(IllegalArgumentException.class, () -> wide.mapInput(null));
    }

    @Test
    void builderAndArgumentsAreValidated() {
        Module model = network(1);
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> Trainer.builder(model).loss(LossFunction.crossEntropy()).build());
        assertTrue(missing.getMessage().contains("optimizer is missing"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder(null));
        assertThrows(IllegalArgumentException.class, () -> trainer(model).clipGradNorm(-1));
        assertThrows(IllegalArgumentException.class, () -> trainer(model).maxBatchesPerEpoch(-1));
        assertThrows(IllegalArgumentException.class, () -> LossFunction.mseOneHot(0));
        Trainer t = trainer(model).build();
        assertThrows(IllegalArgumentException.class, () -> t.fit(null, null, 1));
        assertThrows(IllegalArgumentException.class, () -> t.fit(separable(1, 2, 1), null, 0));
        IllegalStateException empty = assertThrows(IllegalStateException.class,
                () -> t.fit(BatchSource.of(List.of()), null, 1));
        assertTrue(empty.getMessage().contains("no batches"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabeledBatch.of(Tensor.of(Nd4j.zeros(1, 2)),
                new int[] {-1}));
        assertNotNull(t.model());
    }
}

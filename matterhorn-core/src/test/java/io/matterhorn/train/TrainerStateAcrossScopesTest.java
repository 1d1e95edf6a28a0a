package io.matterhorn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.optim.Adam;
import io.matterhorn.optim.Losses;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.snn.soma.Izhikevich;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.MemoryScope;
import io.matterhorn.tensor.Tensor;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Neuron state carried between calls ({@code resetAfterProcess = false}) must not cross a memory scope: written by
 * hand, the second iteration of such a loop crashes ("outdated workspace pointer"); the trainer resets the state at
 * every scope boundary, so the same model trains.
 */
class TrainerStateAcrossScopesTest {

    /** A stateful network: its Izhikevich neurons keep their state from one forward call to the next. */
    private static Module statefulNetwork() {
        Random r = new Random(4);
        return new Sequential(false, new PoissonEncoder(4, 4L), new Linear(4, 6, true, false, r), new Izhikevich(),
                new Linear(6, 2, true, false, r), new Izhikevich(), new AvgSpikeDecoder());
    }

    @Test
    void aHandWrittenScopedLoopCrashesWhenStateCrossesTheScope() {
        Module model = statefulNetwork();
        Adam adam = new Adam(model.trainableParameters(), 0.01);
        List<LabeledBatch> batches = TrainerTest.separableBatches(2, 3, 1);
        Runnable loop = () -> {
            for (LabeledBatch batch : batches) {
                try (var scope = MemoryScope.open("state-crash")) {
                    Tensor loss = Losses.mse(model.forward(batch.input()), Tensor.oneHot(batch.labels(), 2));
                    adam.zeroGrad();
                    loss.backward();
                    adam.step();
                }
            }
        };
        RuntimeException e = assertThrows(RuntimeException.class, loop::run);
        assertTrue(causes(e).contains("outdated workspace pointer"), causes(e));
        model.reset();
    }

    @Test
    void theTrainerResetsStateAtEveryScopeBoundary() {
        Module model = statefulNetwork();
        Trainer trainer = Trainer.builder(model).optimizer(new Adam(model.trainableParameters(), 0.01))
                .loss(LossFunction.mseOneHot(2)).build();
        List<EpochResult> results = trainer.fit(TrainerTest.separable(3, 3, 1), TrainerTest.separable(2, 3, 2), 2);
        assertEquals(2, results.size());
        results.forEach(r -> assertTrue(Double.isFinite(r.loss()) && Double.isFinite(r.testLoss()), r.toString()));
        // after fit the state is at rest, so a plain call outside any scope works too
        assertEquals(2, model.forward(TrainerTest.separableBatches(1, 3, 3).get(0).input())
                .size(1));
    }

    @Test
    void aStatefulFusedModelLearnsExactlyAsItsStatelessTwin() {
        Supplier<Module> stateless = () -> lifNetwork(true);
        Supplier<Module> stateful = () -> lifNetwork(false);
        assertEquals(fitLosses(stateless.get()), fitLosses(stateful.get()),
                "with state reset at each boundary, carrying state between calls changes nothing");
    }

    private static Module lifNetwork(boolean resetAfterProcess) {
        Random r = new Random(6);
        return new Sequential(resetAfterProcess, new PoissonEncoder(4, 6L), new Linear(4, 6, true, false, r),
                new LIF(), new Linear(6, 2, true, false, r), new LIF(), new AvgSpikeDecoder());
    }

    private static List<Double> fitLosses(Module model) {
        Trainer trainer = Trainer.builder(model).optimizer(new Adam(model.trainableParameters(), 0.05))
                .loss(LossFunction.mseOneHot(2)).build();
        return trainer.fit(TrainerTest.separable(3, 4, 1), null, 3).stream().map(EpochResult::loss).toList();
    }

    private static String causes(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause()) {
            s.append(c).append('\n');
        }
        return s.toString();
    }
}

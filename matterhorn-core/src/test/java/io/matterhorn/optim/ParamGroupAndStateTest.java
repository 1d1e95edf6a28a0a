package io.matterhorn.optim;

import static io.matterhorn.optim.OptimizerTestSupport.GRADS;
import static io.matterhorn.optim.OptimizerTestSupport.INITIAL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Parameter groups, frozen parameters, and state dicts that resume training exactly. */
class ParamGroupAndStateTest {

    private static void grad(Tensor p, double[] g) {
        p.zeroGrad();
        float[] f = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            f[i] = (float) g[i];
        }
        p.accumulateGrad(Nd4j.create(f, new long[] {f.length}, 'c'));
    }

    @Test
    void groupsUseTheirOwnRateAndDecay() {
        Tensor a = OptimizerTestSupport.parameter();
        Tensor b = OptimizerTestSupport.parameter();
        SGD opt = new SGD(List.of(a), 0.1);
        ParamGroup second = opt.addParamGroup(List.of(b), 0.01, 0.5);
        grad(a, GRADS[0]);
        grad(b, GRADS[0]);
        opt.step();
        for (int i = 0; i < INITIAL.length; i++) {
            assertEquals(INITIAL[i] - 0.1 * GRADS[0][i], a.toFloatArray()[i], 1e-6);
            assertEquals(INITIAL[i] - 0.01 * (GRADS[0][i] + 0.5 * INITIAL[i]), b.toFloatArray()[i], 1e-6);
        }
        assertEquals(2, opt.paramGroups().size());
        assertEquals(0.01, second.learningRate());
        assertEquals(List.of(a, b), opt.parameters());
    }

    @Test
    void aParameterMayBelongToOneGroupOnly() {
        Tensor a = OptimizerTestSupport.parameter();
        SGD opt = new SGD(List.of(a), 0.1);
        assertThrows(IllegalArgumentException.class, () -> opt.addParamGroup(List.of(a)));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(a, a), 0.1));
    }

    @Test
    void frozenParametersAreSkippedAndResumeWhenUnfrozen() {
        Tensor a = OptimizerTestSupport.parameter();
        Adam opt = new Adam(List.of(a), 0.1);
        grad(a, GRADS[0]);
        a.setRequiresGrad(false);
        opt.step();
        assertArrayEquals(OptimizerTestSupport.parameter().toFloatArray(), a.toFloatArray(), 0f);
        a.setRequiresGrad(true);
        opt.step();
        OptimizerTestSupport.assertClose(AdamTest.reference(0.1, 0.9, 0.999, 1e-8, 0, false, false)[0], a,
                "first real step after unfreezing");
    }

    @Test
    void setLearningRateSetsEveryGroup() {
        SGD opt = new SGD(List.of(OptimizerTestSupport.parameter()), 0.1);
        opt.addParamGroup(List.of(OptimizerTestSupport.parameter()), 0.5, 0);
        opt.setLearningRate(0.2);
        assertEquals(0.2, opt.paramGroups().get(0).learningRate());
        assertEquals(0.2, opt.paramGroups().get(1).learningRate());
    }

    /** Three steps, save, two more steps; a fresh optimiser loaded from the save must reproduce the last two. */
    private static void resumesExactly(Function<List<Tensor>, Optimizer> make, String... bufferKeys) {
        Tensor p = OptimizerTestSupport.parameter();
        Optimizer opt = make.apply(List.of(p));
        for (int s = 0; s < 3; s++) {
            grad(p, GRADS[s]);
            opt.step();
        }
        Map<String, INDArray> saved = opt.stateDict();
        for (String k : bufferKeys) {
            assertTrue(saved.containsKey(k), k + " in " + saved.keySet());
        }
        assertEquals(3L, saved.get("state.0.step").getLong(0));
        float[] atSave = p.toFloatArray();
        for (int s = 3; s < 5; s++) {
            grad(p, GRADS[s]);
            opt.step();
        }
        Tensor q = Tensor.parameter(Nd4j.create(atSave, new long[] {atSave.length}, 'c'), true);
        Optimizer resumed = make.apply(List.of(q));
        resumed.loadStateDict(saved);
        for (int s = 3; s < 5; s++) {
            grad(q, GRADS[s]);
            resumed.step();
        }
        assertArrayEquals(p.toFloatArray(), q.toFloatArray(), 0f, "resumed " + opt.getClass().getSimpleName());
    }

    @Test
    void everyOptimiserResumesFromItsStateDict() {
        resumesExactly(ps -> SGD.builder(ps, 0.05).momentum(0.9).dampening(0.1).weightDecay(0.01).build(),
                "state.0.momentum_buffer");
        resumesExactly(ps -> SGD.builder(ps, 0.05).momentum(0.9).weightDecay(0.01).nesterov(true).build(),
                "state.0.momentum_buffer");
        resumesExactly(ps -> Adam.builder(ps).learningRate(0.05).betas(0.9, 0.99).weightDecay(0.01)
                .amsgrad(true).build(), "state.0.exp_avg",
                "state.0.exp_avg_sq", "state.0.max_exp_avg_sq");
        resumesExactly(ps -> new AdamW(ps, 0.05), "state.0.exp_avg", "state.0.exp_avg_sq");
        resumesExactly(ps -> RMSprop.builder(ps).alpha(0.9).weightDecay(0.01).momentum(0.5)
                .centered(true).build(), "state.0.square_avg",
                "state.0.momentum_buffer", "state.0.grad_avg");
    }

    @Test
    void groupRatesAreRestored() {
        Tensor a = OptimizerTestSupport.parameter();
        Tensor b = OptimizerTestSupport.parameter();
        AdamW opt = new AdamW(List.of(a), 0.1);
        opt.addParamGroup(List.of(b), 0.3, 0.0);
        opt.paramGroups().get(1).setLearningRate(0.25);
        Map<String, INDArray> saved = opt.stateDict();
        AdamW other = new AdamW(List.of(OptimizerTestSupport.parameter()), 0.1);
        other.addParamGroup(List.of(OptimizerTestSupport.parameter()), 0.3, 0.0);
        other.loadStateDict(saved);
        assertEquals(0.25, other.paramGroups().get(1).learningRate());
    }

    @Test
    void mismatchingStateIsRejectedWholly() {
        Tensor p = OptimizerTestSupport.parameter();
        Adam opt = new Adam(List.of(p), 0.1);
        grad(p, GRADS[0]);
        opt.step();
        Map<String, INDArray> saved = opt.stateDict();
        Adam amsgrad = Adam.builder(List.of(OptimizerTestSupport.parameter())).learningRate(0.1).amsgrad(true)
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> amsgrad.loadStateDict(saved));
        assertTrue(e.getMessage().contains("amsgrad"), e.getMessage());
        assertTrue(e.getMessage().contains("max_exp_avg_sq"), e.getMessage());
        saved.put("state.0.exp_avg", Nd4j.zeros(7).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        Adam plain = new Adam(List.of(OptimizerTestSupport.parameter()), 0.1);
        assertThrows(IllegalArgumentException.class, () -> plain.loadStateDict(saved));
        assertTrue(plain.stateDict().keySet().stream().noneMatch(k -> k.startsWith("state.")), "nothing loaded");
    }
}

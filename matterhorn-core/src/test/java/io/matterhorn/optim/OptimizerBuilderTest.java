package io.matterhorn.optim;

import static io.matterhorn.BuilderAssertions.rejects;
import static io.matterhorn.BuilderAssertions.values;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.matterhorn.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The optimisers' builders: PyTorch's defaults, every setter reaches the optimiser, messages of build(). */
class OptimizerBuilderTest {

    private static List<Tensor> params() {
        return List.of(OptimizerTestSupport.parameter());
    }

    /** @return the learning rate, weight decay and optimiser-wide hyperparameters of a fresh optimiser */
    private static Map<String, Double> settings(Optimizer o) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : o.stateDict().entrySet()) {
            out.put(e.getKey().replace("param_groups.0.", ""), e.getValue().getDouble(0));
        }
        return out;
    }

    @Test
    void defaultsAreThoseOfPyTorch() {
        assertEquals(values("lr", 1e-3, "weight_decay", 0, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "amsgrad", 0),
                settings(Adam.builder(params()).build()));
        assertEquals(values("lr", 1e-3, "weight_decay", 0.01, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "amsgrad",
                0), settings(AdamW.builder(params()).build()));
        assertEquals(values("lr", 0.1, "weight_decay", 0, "momentum", 0, "dampening", 0, "nesterov", 0),
                settings(SGD.builder(params(), 0.1).build()));
        assertEquals(values("lr", 1e-2, "weight_decay", 0, "alpha", 0.99, "eps", 1e-8, "momentum", 0, "centered", 0),
                settings(RMSprop.builder(params()).build()));
    }

    @Test
    void theShortConstructorsMatchTheirBuilders() {
        assertEquals(settings(Adam.builder(params()).learningRate(0.3).build()), settings(new Adam(params(), 0.3)));
        assertEquals(settings(AdamW.builder(params()).learningRate(0.3).build()), settings(new AdamW(params(), 0.3)));
        assertEquals(settings(AdamW.builder(params()).learningRate(0.3).weightDecay(0.2).build()),
                settings(new AdamW(params(), 0.3, 0.2)));
        assertEquals(settings(SGD.builder(params(), 0.3).build()), settings(new SGD(params(), 0.3)));
        assertEquals(settings(SGD.builder(params(), 0.3).momentum(0.5).weightDecay(0.2).build()),
                settings(new SGD(params(), 0.3, 0.5, 0.2)));
        assertEquals(settings(RMSprop.builder(params()).learningRate(0.3).build()),
                settings(new RMSprop(params(), 0.3)));
    }

    @Test
    void everySetterReachesTheOptimiser() {
        assertEquals(values("lr", 0.5, "weight_decay", 0.25, "beta1", 0.8, "beta2", 0.9, "eps", 1e-6, "amsgrad", 1),
                settings(Adam.builder(params()).learningRate(0.5).weightDecay(0.25).betas(0.8, 0.9).eps(1e-6)
                        .amsgrad(true).build()));
        assertEquals(values("lr", 0.5, "weight_decay", 0.25, "beta1", 0.8, "beta2", 0.9, "eps", 1e-6, "amsgrad", 1),
                settings(AdamW.builder(params()).learningRate(0.5).weightDecay(0.25).betas(0.8, 0.9).eps(1e-6)
                        .amsgrad(true).build()));
        assertEquals(values("lr", 0.5, "weight_decay", 0.25, "momentum", 0.9, "dampening", 0, "nesterov", 1),
                settings(SGD.builder(params(), 0.5).weightDecay(0.25).momentum(0.9).nesterov(true).build()));
        assertEquals(values("lr", 0.5, "weight_decay", 0, "momentum", 0.9, "dampening", 0.3, "nesterov", 0),
                settings(SGD.builder(params(), 0.5).momentum(0.9).dampening(0.3).build()));
        assertEquals(values("lr", 0.5, "weight_decay", 0.25, "alpha", 0.9, "eps", 1e-6, "momentum", 0.5, "centered",
                1), settings(RMSprop.builder(params()).learningRate(0.5).weightDecay(0.25).alpha(0.9).eps(1e-6)
                        .momentum(0.5).centered(true).build()));
    }

    @Test
    void buildNamesTheOptimiserAndTheBadSetting() {
        rejects("Adam beta1 must be in [0.0, 1.0), got 1.0", () -> Adam.builder(params()).betas(1.0, 0.9).build());
        rejects("AdamW beta2 must be in [0.0, 1.0), got -0.5", () -> AdamW.builder(params()).betas(0.9, -0.5)
                .build());
        rejects("Adam eps must be positive and finite, got 0.0", () -> Adam.builder(params()).eps(0).build());
        rejects("weightDecay must be non-negative and finite, got -1.0", () -> Adam.builder(params()).weightDecay(-1)
                .build());
        rejects("no parameters were given to Adam", () -> Adam.builder(List.of()).build());
        rejects("SGD momentum must be in [0.0, 1.0), got 1.0", () -> SGD.builder(params(), 0.1).momentum(1).build());
        rejects("SGD dampening must be in [0.0, 1.0], got 1.5", () -> SGD.builder(params(), 0.1).dampening(1.5)
                .build());
        rejects("SGD Nesterov momentum needs momentum > 0 and dampening 0", () -> SGD.builder(params(), 0.1)
                .nesterov(true).build());
        rejects("RMSprop alpha must be in [0.0, 1.0), got 1.0", () -> RMSprop.builder(params()).alpha(1).build());
        rejects("RMSprop eps must be positive and finite, got Infinity", () -> RMSprop.builder(params())
                .eps(Double.POSITIVE_INFINITY).build());
        rejects("RMSprop momentum must be in [0.0, 1.0), got -0.1", () -> RMSprop.builder(params()).momentum(-0.1)
                .build());
    }
}

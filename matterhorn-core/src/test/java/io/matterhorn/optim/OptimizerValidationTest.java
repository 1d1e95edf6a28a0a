package io.matterhorn.optim;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.matterhorn.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Invalid hyperparameters and parameter lists are rejected. */
class OptimizerValidationTest {

    private static List<Tensor> params() {
        return List.of(OptimizerTestSupport.parameter());
    }

    @Test
    void sgdHyperparameters() {
        assertThrows(IllegalArgumentException.class, () -> new SGD(params(), -0.1));
        assertThrows(IllegalArgumentException.class, () -> new SGD(params(), Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SGD(params(), Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new SGD(params(), 0.1, 1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SGD(params(), 0.1, -0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SGD(params(), 0.1, 0.9, -1e-4));
        assertDoesNotThrow(() -> new SGD(params(), 0.0, 0.0, 0.0));
    }

    @Test
    void adamHyperparameters() {
        assertThrows(IllegalArgumentException.class, () -> new Adam(params(), -1e-3));
        assertThrows(IllegalArgumentException.class, () -> Adam.builder(params()).betas(1.0, 0.999).build());
        assertThrows(IllegalArgumentException.class, () -> Adam.builder(params()).betas(0.9, 1.0).build());
        assertThrows(IllegalArgumentException.class, () -> Adam.builder(params()).betas(-0.1, 0.999).build());
        assertThrows(IllegalArgumentException.class, () -> Adam.builder(params()).eps(0).build());
        assertThrows(IllegalArgumentException.class, () -> Adam.builder(params()).weightDecay(-1).build());
        assertThrows(IllegalArgumentException.class, () -> Adam.builder(params()).betas(Double.NaN, 0.999).build());
        assertThrows(IllegalArgumentException.class, () -> new AdamW(params(), 1e-3, -0.01));
    }

    @Test
    void rmspropHyperparameters() {
        assertThrows(IllegalArgumentException.class, () -> RMSprop.builder(params()).alpha(1.0).build());
        assertThrows(IllegalArgumentException.class, () -> RMSprop.builder(params()).eps(0).build());
        assertThrows(IllegalArgumentException.class, () -> RMSprop.builder(params()).momentum(1.0).build());
    }

    @Test
    void learningRateSetterValidates() {
        SGD opt = new SGD(params(), 0.1);
        assertThrows(IllegalArgumentException.class, () -> opt.setLearningRate(-1));
        assertThrows(IllegalArgumentException.class, () -> opt.paramGroups().get(0).setLearningRate(Double.NaN));
        assertEquals(0.1, opt.learningRate(), 0);
    }

    @Test
    void parameterLists() {
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(), 0.1));
        Tensor interior = Tensor.variable(Nd4j.ones(2)).mul(2.0);
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(interior), 0.1));
        // frozen parameters are kept (they may be unfrozen later) and skipped while frozen
        Tensor frozen = Tensor.parameter(Nd4j.ones(2), false);
        Tensor p = OptimizerTestSupport.parameter();
        assertEquals(List.of(frozen, p), new SGD(List.of(frozen, p), 0.1).parameters());
    }
}

package io.matterhorn.snn.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.soma.IF;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Dotted parameter paths as in PyTorch's named_parameters(), and the trainable flag. */
class ParameterNamingTest {

    @Test
    void pathsFollowTheRewrittenChildList() {
        Linear l0 = new Linear(4, 3, true, false, new Random(1));
        LIF trainable = LIF.builder().trainable(true).build();
        Linear l2 = new Linear(3, 2, false, false, new Random(2));
        LIF g1 = new LIF();
        IF g2 = new IF();
        Sequential seq = new Sequential(l0, trainable, l2, g1, g2);

        Map<String, Tensor> p = seq.namedParameters();
        assertEquals(List.of("0.weight", "0.bias", "1.module.tau_m", "2.weight", "3.module.0.tau_m",
                "3.module.1.tau_m"), List.copyOf(p.keySet()));
        assertSame(l0.weight(), p.get("0.weight"));
        assertSame(trainable.tauM(), p.get("1.module.tau_m"));
        assertEquals(2.0, p.get("3.module.0.tau_m").item(), 0);
        assertEquals(1.0, p.get("3.module.1.tau_m").item(), 0);

        assertTrue(p.get("1.module.tau_m").requiresGrad());
        assertFalse(p.get("3.module.0.tau_m").requiresGrad());
        assertFalse(p.get("3.module.1.tau_m").requiresGrad());

        List<Tensor> trainables = seq.trainableParameters();
        assertEquals(List.of(l0.weight(), l0.bias(), trainable.tauM(), l2.weight()), trainables);
        assertEquals(6, seq.parameters().size());
    }

    @Test
    void zeroGradClearsEveryParameter() {
        Linear l0 = new Linear(2, 2, true, false, new Random(1));
        Sequential seq = new Sequential(l0, LIF.builder().trainable(true).build());
        Tensor x = Tensor.of(org.nd4j.linalg.factory.Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 1, 2));
        seq.forward(x).mul(Tensor.of(org.nd4j.linalg.factory.Nd4j.rand(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 1, 2))).sum().backward();
        assertTrue(l0.weight().grad() != null);
        seq.zeroGrad();
        for (Tensor t : seq.trainableParameters()) {
            assertEquals(0.0, t.grad().sumNumber().doubleValue(), 0);
        }
    }
}

package io.matterhorn.snn.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.soma.IF;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.soma.Soma;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** reset(), detach() and train()/eval() reach every module below a container. */
class ContainerHooksTest {

    private static Tensor input() {
        Nd4j.getRandom().setSeed(3);
        return Tensor.variable(Nd4j.rand(DataType.FLOAT, 5, 2, 3).muli(3f));
    }

    @Test
    void resetAndDetachReachSomasInsideTemporalAndSpatial() {
        LIF a = new LIF();
        IF b = new IF();
        LIF c = LIF.builder().trainable(true).build();
        Sequential seq = new Sequential(false, new Linear(3, 4, true, false, new Random(1)), a, b,
                new Linear(4, 2, true, false, new Random(2)), c);
        seq.forward(input());
        for (Soma s : List.of(a, b, c)) {
            assertNotNull(s.state(), "state kept without reset");
            assertTrue(s.state().requiresGrad(), "state is part of the graph before detach");
        }

        float[][] before = {a.state().toFloatArray(), b.state().toFloatArray(), c.state().toFloatArray()};
        seq.detach();
        int i = 0;
        for (Soma s : List.of(a, b, c)) {
            Tensor st = s.state();
            assertNotNull(st);
            assertTrue(st.isLeaf());
            assertFalse(st.requiresGrad());
            assertArrayEquals(before[i++], st.toFloatArray(), 0f, "detach keeps the values");
        }

        // after detach the next sequence continues from the kept state and builds a fresh graph
        Tensor out = seq.forward(input());
        out.sum().backward();

        seq.reset();
        for (Soma s : List.of(a, b, c)) {
            assertNull(s.state(), "reset clears the state");
        }
    }

    @Test
    void detachCutsGradientFlowIntoThePreviousSequence() {
        LIF a = new LIF();
        Sequential seq = new Sequential(false, new Linear(3, 4, true, false, new Random(1)), a);
        Tensor first = input();
        seq.forward(first);
        seq.detach();
        Tensor second = input();
        seq.forward(second).sum().backward();
        assertNull(first.grad(), "no gradient crosses a detached state");
        assertNotNull(second.grad());

        // without detach the gradient does reach the first sequence
        seq.reset();
        Tensor third = input();
        seq.forward(third);
        seq.forward(input()).mul(Tensor.of(Nd4j.rand(DataType.FLOAT, 5, 2, 4))).sum().backward();
        assertNotNull(third.grad());
    }

    @Test
    void defaultSequentialResetsAfterEveryCall() {
        LIF a = new LIF();
        Sequential seq = new Sequential(new Linear(3, 4, true, false, new Random(1)), a);
        seq.forward(input());
        assertNull(a.state());
    }

    @Test
    void trainAndEvalPropagate() {
        LIF a = new LIF();
        Linear l = new Linear(3, 4, true, false, new Random(1));
        Sequential seq = new Sequential(l, a, new IF());
        assertTrue(a.isTraining());
        seq.eval();
        assertFalse(seq.isTraining());
        assertFalse(l.isTraining());
        assertFalse(a.isTraining());
        assertFalse(((Temporal) seq.children().get(1)).module().isTraining());
        seq.train();
        assertTrue(a.isTraining() && l.isTraining());
    }
}

package io.matterhorn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Plain;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class SEWResNetTest {

    @Test
    void parameterCountEqualsTheOriginal() {
        SEWRes18 net = SEWRes18.builder(128, 128, 10).build();
        assertEquals(11_178_206L, net.parameterCount());
        SEWRes18 small = SEWRes18.builder(32, 64, 10).build();
        assertEquals(11_178_206L, small.parameterCount(), "the count must not depend on H and W");
    }

    @Test
    void forwardAndBackwardOnASmallInput() {
        SEWRes18 net = SEWRes18.builder(32, 32, 4)
                .soma(LIF.builder().spikingFunction(new Sigmoid()).trainable(true)).connection(ResidualConnection.IAND)
                .build();
        Nd4j.getRandom().setSeed(2);
        Tensor x = Tensor.of(Nd4j.rand(DataType.FLOAT, 2, 3, 2, 32, 32).gt(0.7).castTo(DataType.FLOAT));
        Tensor y = net.forward(x);
        assertArrayEquals(new long[] {2, 4}, y.shape());
        y.sum().backward();
        long withGrad = net.trainableParameters().stream().filter(p -> p.grad() != null).count();
        assertEquals(net.trainableParameters().size(), withGrad, "every trainable parameter gets a gradient");
        assertNotNull(net.namedParameters().get("13.module.weight").grad());
    }

    @Test
    void sewBlockShapesAndShortcuts() {
        SEWBlock same = SEWBlock.builder(4, 4).soma(LIF.builder().spikingFunction(new Sigmoid())).build();
        SEWBlock down = SEWBlock.builder(4, 8).soma(LIF.builder().spikingFunction(new Sigmoid()))
                .connection(ResidualConnection.AND).downSampling(true).build();
        Tensor x = Tensor.of(Nd4j.rand(DataType.FLOAT, 3, 2, 4, 8, 8).gt(0.5).castTo(DataType.FLOAT));
        assertArrayEquals(new long[] {3, 2, 4, 8, 8}, same.forward(x).shape());
        assertArrayEquals(new long[] {3, 2, 8, 4, 4}, down.forward(x).shape());
        assertTrue(down.namedChildren().containsKey("shortcut"));
        assertTrue(!same.namedChildren().containsKey("shortcut"));
    }

    @Test
    void wrongInputShapeNamesTheExpectedShape() {
        SEWRes18 net = SEWRes18.builder(32, 32, 10).soma(LIF.builder().spikingFunction(new Sigmoid())).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.forward(Tensor.of(Nd4j.zeros(DataType.FLOAT, 1, 2, 3, 32, 32))));
        assertTrue(e.getMessage().contains("[B, T, 2, 32, 32]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SEWRes18.builder(30, 32, 10).build());
    }

    @Test
    void sequentialLeavesPlainModulesAlone() {
        Module head = Plain.of(new Linear(4, 2));
        Sequential s = new Sequential(new Linear(3, 4), new io.matterhorn.snn.soma.LIF(), head);
        assertTrue(s.children().get(1) instanceof Temporal);
        assertEquals(head, s.children().get(2));
        assertTrue(!s.children().get(2).children().get(0).isMultiStep());
    }
}

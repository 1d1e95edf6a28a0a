package io.matterhorn.snn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.tensor.GradientCheck;
import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Layer.binarise: threshold at 0.5 forward, straight-through gradient backward. */
class BinariseTest {

    @Test
    void thresholdsAtOneHalf() {
        Tensor v = Tensor.of(Nd4j.create(new double[] {0.2, 0.6, -1, 3, 0.5, 0.4999}, new long[] {6}, 'c'));
        Tensor s = Layer.binarise(v);
        assertArrayEquals(new double[] {0, 1, 0, 1, 1, 0}, s.toDoubleArray(), 0);
        assertTrue(s.isSpikeValued());
    }

    @Test
    void gradientEqualsUpstreamGradient() {
        INDArray w = GradientCheck.randomWeights(new long[] {2, 3}, 5);
        Tensor x = Tensor.variable(Nd4j.create(new double[] {0.1, 0.9, -2, 0.5, 3, 0.3}, new long[] {2, 3}, 'c'));
        Layer.binarise(x).mul(Tensor.of(w)).sum().backward();
        assertArrayEquals(w.dup('c').data().asDouble(), x.grad().dup('c').data().asDouble(), 0);
    }

    @Test
    void spikeValuedInputPassesThroughUnchanged() {
        Tensor s = Tensor.of(Nd4j.create(new double[] {0, 1}, new long[] {2}, 'c')).markSpikeValued();
        assertSame(s, Layer.binarise(s));
    }
}

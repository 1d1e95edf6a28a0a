package io.matterhorn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.numeric.SparseRows;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The lazy output of an event-driven convolution and the {@link PendingConvolution} it carries: what computing it
 * takes, carried through a reshape, gone once the value is computed, unaffected by changes to the weights made
 * after the forward, and checked on construction and attachment.
 */
class PendingConvolutionTest {

    /** [4, 2, 6, 6] binary input with about 20% ones, marked as spikes. */
    private static Tensor spikes() {
        Random rnd = new Random(5);
        float[] v = new float[4 * 2 * 6 * 6];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble() < 0.2 ? 1f : 0f;
        }
        return Tensor.of(Nd4j.create(v, new long[] {4, 2, 6, 6}, 'c')).markSpikeValued();
    }

    private static INDArray random(long seed, long... shape) {
        Random rnd = new Random(seed);
        float[] v = new float[(int) Shapes.product(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat() - 0.5f;
        }
        return Nd4j.create(v, shape, 'c');
    }

    @Test
    void anEventDrivenConvolutionsOutputIsLazyAndCarriesItsInputsUntilRead() {
        Tensor x = spikes();
        Tensor w = Tensor.parameter(random(1, 3, 2, 3, 3), true);
        Tensor b = Tensor.parameter(random(2, 3), true);
        ConvSpec spec = ConvSpec.of(2).stride(2).padding(1);
        Tensor y = Convolution.conv(x, w, b, spec);
        PendingConvolution pending = y.pendingConvolution();
        assertNotNull(pending, "lazy, with what computing it takes");
        assertSame(x, pending.operands().input(), "operands");
        assertSame(w, pending.operands().weight(), "operands");
        assertSame(b, pending.operands().bias(), "operands");
        assertTrue(pending.ones().rows() == 4 && pending.sampleElements() == 3 * 3 * 3, "4 samples of 3 x 3 x 3");
        Tensor flat = y.reshape(2, 2, -1);
        assertSame(pending, flat.pendingConvolution(), "a reshape carries it on");
        // an optimizer step before the value is read changes nothing: the weights were copied by the forward
        INDArray expected = Convolution.conv(spikes(), Tensor.of(w.value().dup()), Tensor.of(b.value().dup()), spec)
                .value().dup();
        w.value().addi(1f);
        b.value().addi(1f);
        assertArrayEquals(expected.data().asFloat(), y.value().dup('c').data().asFloat(), "value as at the forward");
        assertNull(y.pendingConvolution(), "none once the value is computed");
    }

    @Test
    void aDenseInputGivesAComputedOutput() {
        Tensor x = Tensor.of(random(3, 4, 2, 6, 6));
        Tensor y = Convolution.conv(x, Tensor.of(random(1, 3, 2, 3, 3)), null, ConvSpec.of(2));
        assertNull(y.pendingConvolution(), "the dense path computes its output at once");
    }

    @Test
    void badArgumentsAreRefused() {
        SparseRows ones = new SparseRows(2, 8, new int[] {0, 1, 2}, new int[] {0, 5}, null);
        INDArray w = Nd4j.zeros(DataType.FLOAT, 3, 2, 3);
        io.matterhorn.numeric.ConvGeometry geometry = new io.matterhorn.numeric.ConvGeometry(new int[] {4},
                new int[] {2}, new int[] {3}, new int[] {1}, new int[] {0}, new int[] {0}, new int[] {1});
        PendingConvolution.Operands operands = new PendingConvolution.Operands(Tensor.of(Nd4j.zeros(2, 2, 4)),
                Tensor.of(w), null);
        PendingConvolution ok = new PendingConvolution(ones, w, null, geometry, operands);
        assertThrows(IllegalArgumentException.class, () -> new PendingConvolution(
                new SparseRows(2, 8, new int[] {0, 1, 2}, new int[] {0, 5}, new float[] {2f, 3f}), w, null,
                geometry, operands), "ones with values");
        assertThrows(IllegalArgumentException.class, () -> new PendingConvolution(ones,
                Nd4j.zeros(DataType.DOUBLE, 3, 2, 3), null, geometry, operands), "float64 weight");
        assertThrows(IllegalArgumentException.class, () -> new PendingConvolution(ones,
                Nd4j.zeros(DataType.FLOAT, 3, 2, 2), null, geometry, operands), "weight of the wrong size");
        assertThrows(IllegalArgumentException.class, () -> new PendingConvolution(ones, w,
                Nd4j.zeros(DataType.FLOAT, 4), geometry, operands), "bias of the wrong size");
        assertThrows(NullPointerException.class, () -> new PendingConvolution(ones, w, null, geometry, null));
        // 2 samples x 3 channels x 2 positions = 12 outputs
        Tensor lazy = Tensor.lazy(new long[] {2, 3, 2}, DataType.FLOAT, () -> Nd4j.zeros(DataType.FLOAT, 2, 3, 2));
        assertSame(lazy, lazy.attachPendingConvolution(ok));
        Tensor wrong = Tensor.lazy(new long[] {2, 3, 3}, DataType.FLOAT, () -> Nd4j.zeros(DataType.FLOAT, 2, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> wrong.attachPendingConvolution(ok), "length");
    }
}

package io.matterhorn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.numeric.SparseRows;
import io.matterhorn.snn.encoder.PoissonEncoder;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Tensor#lazy} constants: shape, type and marks are known without computing the value, the value is
 * computed once when read, a reshape stays lazy, and the event-driven linear layer reads the attached spike lists
 * without computing the dense value.
 */
class LazyTensorTest {
    private static final float[] SPIKES = {1, 0, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0};

    private static Tensor lazySpikes(AtomicInteger computed) {
        return Tensor.lazy(new long[] {2, 2, 3}, DataType.FLOAT, () -> {
            computed.incrementAndGet();
            return Nd4j.create(SPIKES, new long[] {2, 2, 3}, 'c');
        });
    }

    @Test
    void shapeAndTypeAreKnownAndTheValueIsComputedOnceWhenRead() {
        AtomicInteger computed = new AtomicInteger();
        Tensor t = lazySpikes(computed);
        assertArrayEquals(new long[] {2, 2, 3}, t.shape());
        assertEquals(3, t.rank());
        assertEquals(12, t.length());
        assertEquals(2, t.size(-2));
        assertEquals(DataType.FLOAT, t.dataType());
        assertFalse(t.requiresGrad());
        assertEquals(0, computed.get(), "nothing read the value yet");
        INDArray v = t.value();
        assertSame(v, t.value());
        assertEquals(1, computed.get());
        assertArrayEquals(SPIKES, t.toFloatArray());
    }

    @Test
    void aValueOfAnotherShapeOrTypeIsRefused() {
        Tensor wrongShape = Tensor.lazy(new long[] {3}, DataType.FLOAT, () -> Nd4j.zeros(DataType.FLOAT, 4));
        assertTrue(assertThrows(IllegalStateException.class, wrongShape::value).getMessage().contains("[3]"));
        Tensor wrongType = Tensor.lazy(new long[] {3}, DataType.FLOAT, () -> Nd4j.zeros(DataType.DOUBLE, 3));
        assertThrows(IllegalStateException.class, wrongType::value);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.lazy(null, DataType.FLOAT, () -> null));
        assertThrows(IllegalArgumentException.class, () -> Tensor.lazy(new long[] {2}, null, () -> null));
        assertThrows(IllegalArgumentException.class, () -> Tensor.lazy(new long[] {2}, DataType.FLOAT, null));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Tensor.lazy(new long[] {2, -1}, DataType.FLOAT, () -> null)).getMessage().contains("[2, -1]"));
    }

    @Test
    void aReshapeStaysLazyAndResolvesMinusOne() {
        AtomicInteger computed = new AtomicInteger();
        Tensor r = lazySpikes(computed).markSpikeValued().reshape(-1, 3);
        assertArrayEquals(new long[] {4, 3}, r.shape());
        assertTrue(r.isSpikeValued());
        assertEquals(0, computed.get());
        assertArrayEquals(SPIKES, r.toFloatArray());
        assertEquals(1, computed.get());
        assertThrows(IllegalArgumentException.class, () -> lazySpikes(computed).reshape(5, -1));
        assertThrows(IllegalArgumentException.class, () -> lazySpikes(computed).reshape(-1, -1));
    }

    @Test
    void linearReadsTheAttachedSpikeListsWithoutComputingTheValue() {
        AtomicInteger computed = new AtomicInteger();
        SparseRows rows = SparseRows.compress(java.nio.FloatBuffer.wrap(SPIKES), 0, 4, 3);
        Tensor x = lazySpikes(computed).markSpikeValued().attachSparseRows(rows).reshape(4, 3);
        Nd4j.getRandom().setSeed(3);
        Tensor w = Tensor.variable(Nd4j.rand(DataType.FLOAT, 2, 3));
        Tensor y = Functional.linear(x, w, null);
        y.sum().backward();
        assertEquals(0, computed.get(), "the dense spikes were not needed");

        Tensor dense = Tensor.of(Nd4j.create(SPIKES, new long[] {4, 3}, 'c')).markSpikeValued();
        Tensor w2 = Tensor.variable(w.value().dup());
        Tensor y2 = Functional.linear(dense, w2, null);
        y2.sum().backward();
        assertArrayEquals(y2.toFloatArray(), y.toFloatArray());
        assertArrayEquals(w2.grad().dup('c').data().asFloat(), w.grad().dup('c').data().asFloat());
    }

    @Test
    void thePoissonEncodersDenseSpikesMatchItsSpikeLists() {
        Nd4j.getRandom().setSeed(4);
        Tensor spikes = new PoissonEncoder(5, 11).forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 3, 7)));
        SparseRows rows = spikes.sparseRows();
        float[] dense = spikes.toFloatArray();
        float[] expected = new float[5 * 3 * 7];
        for (int r = 0; r < rows.rows(); r++) {
            for (int k = rows.rowStart()[r]; k < rows.rowStart()[r + 1]; k++) {
                expected[r * 7 + rows.columns()[k]] = 1f;
            }
        }
        assertArrayEquals(expected, dense);
        assertArrayEquals(new long[] {5, 3, 7}, spikes.shape());
    }

    @Test
    void aLazyOperationIsANodeOfTheGraphWhoseGradientNeedsNoValue() {
        AtomicInteger computed = new AtomicInteger();
        Tensor parent = Tensor.variable(Nd4j.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
                new long[] {2, 2, 3}, 'c'));
        // the backward doubles the incoming gradient into the parent, without reading the node's value
        Tensor node = Tensor.fromLazyOp("twice", new long[] {2, 2, 3}, DataType.FLOAT, () -> {
            computed.incrementAndGet();
            return Nd4j.create(SPIKES, new long[] {2, 2, 3}, 'c');
        }, g -> parent.accumulateGrad(g.mul(2)), parent);
        assertTrue(node.requiresGrad());
        Tensor flat = node.reshape(4, 3);
        assertTrue(flat.requiresGrad(), "a reshape of a lazy node stays in the graph");
        assertArrayEquals(new long[] {4, 3}, flat.shape());
        INDArray g = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new long[] {4, 3}, 'c');
        flat.backward(g);
        assertEquals(0, computed.get(), "the backward pass computed no value");
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24},
                parent.grad().dup('c').data().asFloat(), 0f);
        assertArrayEquals(SPIKES, flat.toFloatArray(), "the reshape's value is the node's");
        assertEquals(1, computed.get());
    }
}

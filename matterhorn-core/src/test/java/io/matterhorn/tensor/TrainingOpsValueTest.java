package io.matterhorn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Forward values of the new ops on small hand-made inputs, and their argument checks. */
class TrainingOpsValueTest {

    private static Tensor t(long[] shape, float... v) {
        return Tensor.of(Nd4j.create(v, shape, 'c'));
    }

    @Test
    void catNarrowSplit() {
        Tensor a = t(new long[] {2, 2}, 1, 2, 3, 4);
        Tensor b = t(new long[] {2, 1}, 5, 6);
        Tensor c = Slicing.cat(List.of(a, b), 1);
        assertArrayEquals(new long[] {2, 3}, c.shape());
        assertArrayEquals(new float[] {1, 2, 5, 3, 4, 6}, c.toFloatArray(), 0f);
        assertArrayEquals(new float[] {2, 5, 4, 6}, c.narrow(1, 1, 2).toFloatArray(), 0f);
        assertArrayEquals(new float[] {3, 4, 6}, c.narrow(0, 1, 1).toFloatArray(), 0f);
        List<Tensor> parts = Slicing.split(c, 2, 1);
        assertEquals(2, parts.size());
        assertArrayEquals(new float[] {5, 6}, parts.get(1).toFloatArray(), 0f);
        assertThrows(IllegalArgumentException.class, () -> Slicing.cat(List.of(a, t(new long[] {3, 1}, 1, 2, 3)), 1));
        assertThrows(IndexOutOfBoundsException.class, () -> c.narrow(1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Slicing.split(c, new long[] {1, 1}, 1));
        assertThrows(IllegalArgumentException.class, () -> c.narrow(2, 0, 1));
    }

    @Test
    void elementwiseValues() {
        Tensor x = t(new long[] {4}, -2, -0.5f, 0, 4);
        assertArrayEquals(new float[] {2, 0.5f, 0, 4}, x.abs().toFloatArray(), 0f);
        assertArrayEquals(new float[] {4, 0.25f, 0, 16}, x.pow(2).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {-1, -0.5f, 0, 1}, x.clamp(-1, 1).toFloatArray(), 0f);
        assertArrayEquals(new float[] {2, 3}, t(new long[] {2}, 4, 9).sqrt().toFloatArray(), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> x.clamp(1, -1));
        Tensor w = Elementwise.where(t(new long[] {4}, 1, 0, 0, 1), x, x.abs());
        assertArrayEquals(new float[] {-2, 0.5f, 0, 4}, w.toFloatArray(), 0f);
    }

    @Test
    void maxMinArgmax() {
        Tensor x = t(new long[] {2, 3}, 1, 7, 7, -3, -5, 2);
        Reductions.ValuesAndIndices m = Reductions.max(x, 1);
        assertArrayEquals(new float[] {7, 2}, m.values().toFloatArray(), 0f);
        assertArrayEquals(new long[] {1, 2}, m.indices().value().toLongVector(), "first index on ties");
        assertEquals(DataType.LONG, m.indices().dataType());
        Reductions.ValuesAndIndices n = Reductions.min(x, 0);
        assertArrayEquals(new float[] {-3, -5, 2}, n.values().toFloatArray(), 0f);
        assertArrayEquals(new long[] {1, 1, 1}, n.indices().value().toLongVector());
        assertArrayEquals(new long[] {1, 2}, Reductions.argmax(x, -1).value().toLongVector());
    }

    @Test
    void softmaxRowsSumToOne() {
        Tensor x = t(new long[] {2, 2}, 0, (float) Math.log(3), 1000, 1000);
        assertArrayEquals(new float[] {0.25f, 0.75f, 0.5f, 0.5f}, Activations.softmax(x, 1).toFloatArray(), 1e-6f);
        // along dimension 0: columns (0, 1000) and (log 3, 1000)
        float[] col = Activations.softmax(x, 0).toFloatArray();
        assertEquals(0f, col[0], 1e-6f);
        assertEquals(1f, col[2], 1e-6f);
    }

    @Test
    void dropoutIsSeededAndIdleInEvaluation() {
        Tensor x = Tensor.of(Nd4j.ones(DataType.FLOAT, 1000));
        float[] a = Activations.dropout(x, 0.3, true, new Random(1)).toFloatArray();
        float[] b = Activations.dropout(x, 0.3, true, new Random(1)).toFloatArray();
        assertArrayEquals(a, b, 0f);
        int kept = 0;
        for (float v : a) {
            if (v != 0) {
                assertEquals(1 / 0.7f, v, 1e-6f);
                kept++;
            }
        }
        // 1000 Bernoulli(0.7) draws: 700 +- 5 standard deviations (14.5)
        assertEquals(700, kept, 73);
        assertSame(x, Activations.dropout(x, 0.3, false, new Random(1)));
        assertArrayEquals(new float[1000], Activations.dropout(x, 1.0, true, new Random(1)).toFloatArray(), 0f);
        assertThrows(IllegalArgumentException.class, () -> Activations.dropout(x, 1.5, true, new Random(1)));
    }
}

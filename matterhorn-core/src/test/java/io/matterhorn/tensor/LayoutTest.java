package io.matterhorn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Layout}'s copies between Java arrays and ND4J arrays, against hand-written elements. */
class LayoutTest {

    @Test
    void fromFloatsKeepsRowMajorOrderAndShape() {
        INDArray a = Layout.fromFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertEquals(DataType.FLOAT, a.dataType());
        assertEquals(6f, a.getFloat(1, 2));
        assertEquals(2f, a.getFloat(0, 1));
        assertEquals(0, Layout.fromFloats(new float[0], 0, 3).length());
        assertThrows(IllegalArgumentException.class, () -> Layout.fromFloats(new float[5], 2, 3));
    }

    @Test
    void toFloatArrayRespectsViewsAndTypes() {
        INDArray m = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c');
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, Layout.toFloatArray(m.transpose()));
        assertArrayEquals(new float[] {4, 5, 6}, Layout.toFloatArray(m.getRow(1)));
        assertArrayEquals(new float[] {0.5f, -2}, Layout.toFloatArray(Nd4j.create(new double[] {0.5, -2})));
        assertArrayEquals(new float[0], Layout.toFloatArray(Nd4j.create(DataType.FLOAT, 0)));
    }
}

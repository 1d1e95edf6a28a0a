package io.matterhorn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.matterhorn.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Clipping by global norm and by value on hand-computed gradients. */
class GradClipTest {

    private static Tensor withGrad(float... g) {
        Tensor p = Tensor.parameter(Nd4j.zeros(g.length).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT), true);
        p.accumulateGrad(Nd4j.create(g, new long[] {g.length}, 'c'));
        return p;
    }

    @Test
    void globalNormScalesEveryGradientTogether() {
        // gradients (3, 0) and (0, 4): global norm 5; clipped to 1 they become (0.6, 0) and (0, 0.8)
        Tensor a = withGrad(3f, 0f);
        Tensor b = withGrad(0f, 4f);
        Tensor none = Tensor.parameter(Nd4j.ones(2), true);
        double norm = GradClip.clipGradNorm(List.of(a, b, none), 1.0);
        assertEquals(5.0, norm, 1e-6);
        float scale = (float) (1.0 / (5.0 + 1e-6));
        assertArrayEquals(new float[] {3 * scale, 0f}, a.grad().toFloatVector(), 1e-7f);
        assertArrayEquals(new float[] {0f, 4 * scale}, b.grad().toFloatVector(), 1e-7f);
    }

    @Test
    void smallNormIsLeftAlone() {
        Tensor a = withGrad(0.3f, 0.4f);
        assertEquals(0.5, GradClip.clipGradNorm(List.of(a), 1.0), 1e-7);
        assertArrayEquals(new float[] {0.3f, 0.4f}, a.grad().toFloatVector(), 0f);
    }

    @Test
    void byValueClampsEachElementAndReportsTheNormBefore() {
        Tensor a = withGrad(-2f, 0.5f, 3f);
        double norm = GradClip.clipGradValue(List.of(a), 1.0);
        assertEquals(Math.sqrt(4 + 0.25 + 9), norm, 1e-6);
        assertArrayEquals(new float[] {-1f, 0.5f, 1f}, a.grad().toFloatVector(), 0f);
    }

    @Test
    void badBoundsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradNorm(List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradValue(List.of(), -1));
    }
}

package io.matterhorn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Handing gradient arrays over ({@link Tensor#takeGrad}) and backward rules that reuse them
 * ({@link InPlaceBackward}): a rule is told "writable" exactly when its gradient is private, a caller's array is
 * never modified, and the sums are those of the copying path.
 */
class GradientHandoverTest {

    private static INDArray values(float... v) {
        return Nd4j.createFromArray(v).castTo(DataType.FLOAT);
    }

    /** A node y = x whose backward records whether it was told "writable" and passes the gradient on. */
    private static Tensor recordingIdentity(Tensor x, List<Boolean> told) {
        return Tensor.fromOp("recordingIdentity", x.value().dup(), (InPlaceBackward) (g, writable) -> {
            told.add(writable);
            x.accumulateGrad(g.dup());
        }, x);
    }

    /** A node z = y whose backward hands dL/dy over (takeGrad) or passes a shared array (accumulateGrad). */
    private static Tensor feeding(Tensor y, INDArray grad, boolean handOver) {
        return Tensor.fromOp("feeding", y.value().dup(), g -> {
            if (handOver) {
                y.takeGrad(grad);
            } else {
                y.accumulateGrad(grad);
            }
        }, y);
    }

    @Test
    void aHandedOverGradientIsWritableAndASharedOneIsNot() {
        for (boolean handOver : new boolean[] {true, false}) {
            Tensor x = Tensor.variable(values(1, 2, 3));
            List<Boolean> told = new ArrayList<>();
            Tensor y = recordingIdentity(x, told);
            INDArray grad = values(0.5f, -1f, 2f);
            feeding(y, grad, handOver).backward(values(1, 1, 1));
            assertEquals(List.of(handOver), told, "handOver=" + handOver);
            assertEquals(values(0.5f, -1f, 2f), x.grad());
        }
    }

    @Test
    void twoSharedContributionsAreSummedIntoAPrivateArrayLeavingTheCallersIntact() {
        Tensor x = Tensor.variable(values(1, 2));
        List<Boolean> told = new ArrayList<>();
        Tensor y = recordingIdentity(x, told);
        INDArray shared = values(1f, 2f);
        Tensor a = feeding(y, shared, false);
        Tensor b = feeding(y, shared, false);
        a.add(b).sum().backward();
        assertEquals(List.of(true), told, "a sum made by the graph is private");
        assertEquals(values(1f, 2f), shared, "the callers' array is unchanged");
        assertEquals(values(2f, 4f), x.grad());
    }

    @Test
    void aHandedOverArrayIsKeptWithoutACopyAndLaterContributionsAddIntoIt() {
        Tensor x = Tensor.variable(values(1, 2));
        Tensor y = x.mul(Tensor.of(values(3f, 3f)));
        INDArray first = values(1f, 1f);
        y.takeGrad(first);
        assertSame(first, y.grad(), "an intermediate keeps the handed-over array");
        INDArray second = values(2f, 5f);
        y.accumulateGrad(second);
        assertSame(first, y.grad());
        assertEquals(values(3f, 6f), first);
        assertEquals(values(2f, 5f), second, "a shared contribution is not modified");
    }

    @Test
    void aSharedFirstContributionIsNotModifiedByAHandedOverSecond() {
        Tensor x = Tensor.variable(values(1, 2));
        Tensor y = x.mul(Tensor.of(values(3f, 3f)));
        INDArray shared = values(1f, 1f);
        y.accumulateGrad(shared);
        INDArray handed = values(2f, 5f);
        y.takeGrad(handed);
        assertEquals(values(1f, 1f), shared);
        assertEquals(values(3f, 6f), y.grad());
    }

    @Test
    void aLeafCopiesAHandedOverArray() {
        Tensor x = Tensor.variable(values(1, 2));
        INDArray handed = values(4f, 5f);
        x.takeGrad(handed);
        assertNotSame(handed, x.grad());
        handed.assign(0);
        assertEquals(values(4f, 5f), x.grad());
    }

    @Test
    void reshapePassesAPrivateGradientOnAndASharedOneAsShared() {
        for (boolean handOver : new boolean[] {true, false}) {
            Tensor x = Tensor.variable(Nd4j.rand(DataType.FLOAT, 2, 3));
            List<Boolean> told = new ArrayList<>();
            Tensor y = recordingIdentity(x, told);
            Tensor r = y.reshape(3, 2);
            INDArray grad = Nd4j.rand(DataType.FLOAT, 3, 2);
            INDArray before = grad.dup();
            feeding(r, grad, handOver).backward(Nd4j.ones(DataType.FLOAT, 3, 2));
            assertEquals(List.of(handOver), told, "handOver=" + handOver);
            assertEquals(before.reshape(2, 3), x.grad());
            if (!handOver) {
                assertEquals(before, grad);
            }
        }
    }

    @Test
    void aLeafSumsItsGradientsAndZeroGradClearsThemForSmallAndLargeArrays() {
        for (int n : new int[] {3, Backprop.SMALL + 5}) {
            Tensor x = Tensor.variable(Nd4j.zeros(DataType.FLOAT, n));
            INDArray a = Nd4j.rand(DataType.FLOAT, n);
            INDArray b = Nd4j.rand(DataType.FLOAT, n).subi(0.5f);
            x.accumulateGrad(a);
            x.accumulateGrad(b);
            float[] expected = new float[n];
            float[] av = a.data().asFloat();
            float[] bv = b.data().asFloat();
            for (int i = 0; i < n; i++) {
                expected[i] = av[i] + bv[i];
            }
            assertArrayEquals(expected, x.grad().data().asFloat(), "n=" + n);
            INDArray buffer = x.grad();
            x.zeroGrad();
            assertSame(buffer, x.grad(), "a leaf keeps its buffer");
            assertArrayEquals(new float[n], x.grad().data().asFloat(), "n=" + n);
        }
    }
}

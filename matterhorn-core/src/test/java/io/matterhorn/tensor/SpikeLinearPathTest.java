package io.matterhorn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Functional.linear on float32 inputs marked spike-valued runs an event-driven kernel; it must agree with the
 * dense GEMM path on the output and on every gradient.
 */
class SpikeLinearPathTest {

    private static void compare(int rows, int in, int out, double density, boolean withBias) {
        compare(rows, in, out, density, withBias, 1e-5f);
    }

    /** @param tol absolute tolerance; sums over many rows need more, as the two paths add in different orders */
    private static void compare(int rows, int in, int out, double density, boolean withBias, float tol) {
        Nd4j.getRandom().setSeed(99 + rows + in);
        INDArray spikes = Nd4j.rand(DataType.FLOAT, rows, in).lt(density).castTo(DataType.FLOAT);
        INDArray w = Nd4j.rand(DataType.FLOAT, out, in).subi(0.5f);
        INDArray b = Nd4j.rand(DataType.FLOAT, out).subi(0.5f);
        INDArray g = Nd4j.rand(DataType.FLOAT, rows, out).subi(0.5f);

        Tensor[] dense = run(spikes, w, b, g, false, withBias);
        Tensor[] sparse = run(spikes, w, b, g, true, withBias);
        String label = rows + "x" + in + "->" + out + " density " + density;
        assertArrayEquals(dense[0].toFloatArray(), sparse[0].toFloatArray(), tol, label + " output");
        assertArrayEquals(dense[1].grad().dup('c').data().asFloat(), sparse[1].grad().dup('c').data().asFloat(),
                tol, label + " dW");
        assertArrayEquals(dense[2].grad().dup('c').data().asFloat(), sparse[2].grad().dup('c').data().asFloat(),
                tol, label + " dx");
        if (withBias) {
            assertArrayEquals(dense[3].grad().dup('c').data().asFloat(), sparse[3].grad().dup('c').data().asFloat(),
                    tol, label + " db");
        }
        // sanity: with some input spikes the weight gradient is not trivially zero
        if (density > 0) {
            assertTrue(dense[1].grad().norm2Number().doubleValue() > 0.01, label);
        }
    }

    /** @return {output, weight, input, bias} after one backward pass with upstream gradient g */
    private static Tensor[] run(INDArray x, INDArray w, INDArray b, INDArray g, boolean markSpikes, boolean bias) {
        Tensor xt = Tensor.variable(x.dup());
        if (markSpikes) {
            xt.markSpikeValued();
        }
        Tensor wt = Tensor.parameter(w, true);
        Tensor bt = Tensor.parameter(b, true);
        Tensor y = Functional.linear(xt, wt, bias ? bt : null);
        y.backward(g);
        return new Tensor[] {y, wt, xt, bt};
    }

    @Test
    void smallWithBias() {
        compare(6, 10, 4, 0.3, true);
    }

    @Test
    void smallWithoutBias() {
        compare(5, 7, 3, 0.5, false);
    }

    @Test
    void largeEnoughForSeveralTasks() {
        // more than 2 * 64 rows so the row loop is split between threads
        compare(300, 64, 33, 0.15, true);
    }

    @Test
    void weightGradientOverSeveralRowBlocks() {
        // 65536 / 40 = 1638 rows per gradient block: 4000 rows make three blocks, summed in block order
        compare(4000, 50, 40, 0.2, false, 1e-4f);
    }

    @Test
    void wideOutputTakesTheGemmForTheInputGradient() {
        // more than NarrowMatmul.MAX_INNER outputs: dx comes from ND4J's GEMM on both paths
        compare(70, 20, 40, 0.3, true);
    }

    @Test
    void nonBinaryValuesMarkedAsSpikes() {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 200, 30).lt(0.3).castTo(DataType.FLOAT);
        x.putScalar(150, 7, 0.5f);
        INDArray w = Nd4j.rand(DataType.FLOAT, 12, 30).subi(0.5f);
        INDArray g = Nd4j.rand(DataType.FLOAT, 200, 12).subi(0.5f);
        INDArray unusedBias = Nd4j.zeros(DataType.FLOAT, 12);
        Tensor[] dense = run(x, w, unusedBias, g, false, false);
        Tensor[] sparse = run(x, w, unusedBias, g, true, false);
        assertArrayEquals(dense[0].toFloatArray(), sparse[0].toFloatArray(), 1e-5f, "output");
        assertArrayEquals(dense[1].grad().dup('c').data().asFloat(), sparse[1].grad().dup('c').data().asFloat(),
                1e-5f, "dW");
    }

    @Test
    void inputGradientOfANarrowLayerMatchesHandValues() {
        // dx = g W, with g [2, 2] and W [2, 3]; out = 2 takes NarrowMatmul
        Tensor x = Tensor.variable(Nd4j.create(new float[][] {{1, 0, 1}, {0, 1, 0}})).markSpikeValued();
        Tensor w = Tensor.parameter(Nd4j.create(new float[][] {{1, 2, 3}, {4, 5, 6}}), true);
        Functional.linear(x, w, null).backward(Nd4j.create(new float[][] {{1, -1}, {0.5f, 2}}));
        assertArrayEquals(new float[] {-3, -3, -3, 8.5f, 11, 13.5f}, x.grad().dup('c').data().asFloat(), 1e-6f);
        // dW = g^T x
        assertArrayEquals(new float[] {1, 0.5f, 1, -1, 2, -1}, w.grad().dup('c').data().asFloat(), 1e-6f);
    }

    @Test
    void weightGradientOfAnalogInputWithFewRowsMatchesHandValues() {
        // dW = g^T x with 2 rows (the inner dimension): NarrowMatmul instead of ND4J's GEMM
        Tensor x = Tensor.variable(Nd4j.create(new float[][] {{0.5f, -1, 2}, {1.5f, 0, -0.25f}}));
        Tensor w = Tensor.parameter(Nd4j.create(new float[][] {{1, 2, 3}, {4, 5, 6}}), true);
        Functional.linear(x, w, null).backward(Nd4j.create(new float[][] {{1, -1}, {0.5f, 2}}));
        assertArrayEquals(new float[] {1.25f, -1, 1.875f, 2.5f, 1, -2.5f}, w.grad().dup('c').data().asFloat(), 1e-6f);
    }

    @Test
    void allZeroAndAllOneInputs() {
        compare(4, 6, 3, 0.0, true);
        compare(4, 6, 3, 1.1, true);
    }
}

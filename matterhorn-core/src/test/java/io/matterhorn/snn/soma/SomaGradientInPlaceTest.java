package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused soma's backward writes dL/dx over dL/dy when the graph hands dL/dy over (as a convolution's data
 * gradient does): the input gradient is the same, bit for bit, as with a shared dL/dy, a shared array is left
 * alone, and a handed-over one is reused (the memory the long-sequence training saves).
 */
class SomaGradientInPlaceTest {
    private static final int T = 7;
    private static final int B = 3;
    private static final int N = 11;

    private static INDArray input() {
        Nd4j.getRandom().setSeed(5);
        return Nd4j.rand(DataType.FLOAT, T, B, N).muli(2.5f);
    }

    private static INDArray outputGradient() {
        Nd4j.getRandom().setSeed(6);
        return Nd4j.rand(DataType.FLOAT, T, B, N).subi(0.5f);
    }

    /** dL/dx of one fused LIF sequence when dL/dy = {@code grad} arrives handed over or shared. */
    private static INDArray inputGradient(INDArray grad, boolean handOver) {
        LIF lif = LIF.builder().tauM(2.0).spikingFunction(new Sigmoid(4.0)).build();
        Tensor x = Tensor.variable(input());
        Tensor y = lif.forwardSequence(x);
        assertTrue(y.op().startsWith("somaSequence"), "fused path taken, got " + y.op());
        Tensor z = Tensor.fromOp("feeding", y.value().dup(), g -> {
            if (handOver) {
                y.takeGrad(grad);
            } else {
                y.accumulateGrad(grad);
            }
        }, y);
        z.backward(Nd4j.ones(DataType.FLOAT, T, B, N));
        return x.grad().dup();
    }

    private static float[] flat(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    @Test
    void aHandedOverOutputGradientIsOverwrittenWithTheSameInputGradient() {
        INDArray shared = outputGradient();
        INDArray reference = inputGradient(shared, false);
        assertArrayEquals(flat(outputGradient()), flat(shared), "a shared dL/dy is not modified");

        INDArray handed = outputGradient();
        INDArray inPlace = inputGradient(handed, true);
        assertArrayEquals(flat(reference), flat(inPlace), "same dL/dx, bit for bit");
        assertArrayEquals(flat(reference), flat(handed), "the handed-over array now holds dL/dx");
        assertNotEquals(outputGradient(), handed);
    }
}

package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.matterhorn.neuron.SurrogateDerivative;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A user-defined surrogate runs in the fused sequence node (not the per-step graph) and, written as the same
 * formula as a built-in, gives bit-identical spikes and gradients: the fused kernel treats it exactly like the
 * built-in.
 */
class CustomSurrogateTest {
    /** The Sigmoid(1) derivative written by hand, as a user would. */
    private static final Surrogate MY_SIGMOID = Surrogate.of("MySigmoid", x -> {
        double s = 1.0 / (1.0 + Math.exp(-x));
        return s * (1.0 - s);
    });

    private record Run(String op, float[] out, float[] dx, double dtau) {
    }

    private static Run run(Surrogate s, INDArray xv, INDArray w) {
        LIF lif = LIF.builder().tauM(2.5).spikingFunction(s).trainable(true).build();
        Tensor x = Tensor.variable(xv.dup());
        Tensor o = new Temporal(lif).forward(x);
        o.mul(Tensor.of(w)).sum().backward();
        return new Run(o.op(), o.toFloatArray(), x.grad().dup('c').data().asFloat(), lif.tauM().grad().getDouble(0));
    }

    @Test
    void customSurrogateRunsInTheFusedNodeLikeTheBuiltIn() {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 12, 4, 7).muli(2.2).subi(0.4);
        INDArray w = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 12, 4, 7).subi(0.5);
        Run custom = run(MY_SIGMOID, x, w);
        Run builtIn = run(new Sigmoid(1.0), x, w);
        assertEquals("somaSequence(LIF)", custom.op());
        assertArrayEquals(builtIn.out(), custom.out());
        assertArrayEquals(builtIn.dx(), custom.dx());
        assertEquals(builtIn.dtau(), custom.dtau(), 1e-12 * Math.abs(builtIn.dtau()));
    }

    @Test
    void customSurrogateIsNotABuiltIn() {
        assertEquals(SurrogateDerivative.CUSTOM, MY_SIGMOID.kernelId());
        assertEquals(false, MY_SIGMOID.builtIn());
        assertEquals("MySigmoid", MY_SIGMOID.name());
        assertEquals(2, new Sigmoid().kernelId());
    }

    @Test
    void perStepGraphUsesTheDerivativeElementwise() {
        INDArray x = Nd4j.create(new double[] {-1.5, 0.0, 0.25, 3.0});
        INDArray g = MY_SIGMOID.derivative(x);
        INDArray expected = new Sigmoid(1.0).derivative(x);
        assertArrayEquals(expected.toDoubleVector(), g.toDoubleVector(), 1e-15);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Surrogate.of(" ", x -> x));
        assertThrows(IllegalArgumentException.class, () -> Surrogate.of("name", null));
    }
}

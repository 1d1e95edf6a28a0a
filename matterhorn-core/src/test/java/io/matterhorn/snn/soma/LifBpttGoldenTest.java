package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.surrogate.Gaussian;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;

/**
 * 1.0.1's reference case: BPTT through Temporal(LIF(tau=2, trainable)) with x = [0.8, 1.5, 0.9, 1.2] as [T=4, 1] and
 * loss sum(o * g), g = [1, 0.5, 2, 1]. The forward gives o = [0, 0, 0, 1]; dL/dx and dL/dtau must match the 1.0.1
 * values, through the fused node and through per-step calls.
 */
class LifBpttGoldenTest {
    private static final float[] X = {0.8f, 1.5f, 0.9f, 1.2f};
    private static final float[] G = {1f, 0.5f, 2f, 1f};

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(true, new Rectangular(2), new double[] {0.359555, 0.273887, 0.567187, 0.25}, -0.314655),
                Arguments.of(true, new Sigmoid(1), new double[] {0.194325, 0.175969, 0.297669, 0.124878}, -0.184242),
                Arguments.of(true, new Gaussian(1), new double[] {0.271822, 0.242779, 0.460733, 0.199082}, -0.258112),
                Arguments.of(false, new Rectangular(2), new double[] {0.316406, 0.265625, 0.5625, 0.25}, -0.292969),
                Arguments.of(false, new Sigmoid(1), new double[] {0.181361, 0.173672, 0.2965, 0.124878}, -0.177822),
                Arguments.of(false, new Gaussian(1), new double[] {0.245724, 0.237296, 0.457763, 0.199082},
                        -0.244732));
    }

    private static LIF lif(boolean hard, Surrogate s) {
        return LIF.builder().tauM(2).spikingFunction(s).hardReset(hard).trainable(true).build();
    }

    private static void assertGolden(Tensor o, Tensor x, LIF soma, double[] dx, double dtau) {
        assertArrayEquals(new double[] {0, 0, 0, 1}, o.toDoubleArray(), 0);
        o.mul(Tensor.of(Nd4j.create(G, new long[] {4, 1}, 'c'))).sum().backward();
        assertArrayEquals(dx, x.grad().dup('c').castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble(),
                1e-5);
        assertEquals(dtau, soma.tauM().grad().getDouble(0), 1e-5);
    }

    @ParameterizedTest(name = "hard={0} {1}")
    @MethodSource("rows")
    void fusedTemporal(boolean hard, Surrogate s, double[] dx, double dtau) {
        LIF soma = lif(hard, s);
        Tensor x = Tensor.variable(Nd4j.create(X, new long[] {4, 1}, 'c'));
        Tensor o = new Temporal(soma).forward(x);
        assertGolden(o, x, soma, dx, dtau);
    }

    @ParameterizedTest(name = "hard={0} {1}")
    @MethodSource("rows")
    void perStepCalls(boolean hard, Surrogate s, double[] dx, double dtau) {
        LIF soma = lif(hard, s);
        Tensor x = Tensor.variable(Nd4j.create(X, new long[] {4, 1}, 'c'));
        List<Tensor> out = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            out.add(soma.forward(x.select(t)));
        }
        assertGolden(Tensor.stack(out), x, soma, dx, dtau);
    }

    @ParameterizedTest(name = "hard={0} {1}")
    @MethodSource("rows")
    void float64InputFallsBackToSteppingWithTheSameResult(boolean hard, Surrogate s, double[] dx, double dtau) {
        LIF soma = lif(hard, s);
        double[] xd = new double[X.length];
        for (int i = 0; i < xd.length; i++) {
            xd[i] = X[i];
        }
        Tensor x = Tensor.variable(Nd4j.create(xd, new long[] {4, 1}, 'c'));
        Tensor o = new Temporal(soma).forward(x);
        assertEquals(org.nd4j.linalg.api.buffer.DataType.DOUBLE, o.dataType());
        assertGolden(o, x, soma, dx, dtau);
    }
}

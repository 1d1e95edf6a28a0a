package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.surrogate.Gaussian;
import io.matterhorn.snn.surrogate.Polynomial;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.GradientCheck;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused sequence node that Temporal uses for a soma must give the same spikes and the same gradients (input
 * and tau_m) as stepping the soma one step at a time through the tensor graph.
 */
class FusedSomaEquivalenceTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        Surrogate[] surrogates = {new Rectangular(), new Polynomial(), new Sigmoid(), new Gaussian(),
            Surrogate.of("ATan", x -> 1.0 / (1.0 + Math.PI * Math.PI * x * x))};
        for (Surrogate s : surrogates) {
            for (boolean hard : new boolean[] {true, false}) {
                out.add(Arguments.of("IF", s, hard));
                out.add(Arguments.of("LIF", s, hard));
            }
        }
        return out.stream();
    }

    private static Supplier<Soma> factory(String kind, Surrogate s, boolean hard) {
        if (kind.equals("IF")) {
            return () -> IF.builder().spikingFunction(s).hardReset(hard).build();
        }
        return () -> LIF.builder().tauM(2.5).uRest(0.1).spikingFunction(s).hardReset(hard).trainable(true).build();
    }

    /** Result of one path: spikes, dL/dx, dL/dtau_m (NaN when tau_m is not trainable). */
    private record Run(float[] spikes, float[] dx, double dtau) {
    }

    private static Run fused(Soma soma, INDArray xv, INDArray w) {
        Tensor x = Tensor.variable(xv.dup());
        Tensor o = new Temporal(soma).forward(x);
        o.mul(Tensor.of(w)).sum().backward();
        return new Run(o.toFloatArray(), x.grad().dup('c').data().asFloat(), tauGrad(soma));
    }

    private static Run perStep(Soma soma, INDArray xv, INDArray w) {
        Tensor x = Tensor.variable(xv.dup());
        List<Tensor> steps = new ArrayList<>();
        for (long t = 0; t < x.size(0); t++) {
            steps.add(soma.forwardGraph(x.select(t)));
        }
        Tensor o = Tensor.stack(steps);
        o.mul(Tensor.of(w)).sum().backward();
        return new Run(o.toFloatArray(), x.grad().dup('c').data().asFloat(), tauGrad(soma));
    }

    private static double tauGrad(Soma soma) {
        Tensor tau = soma.namedParameters().get("tau_m");
        return tau.requiresGrad() ? tau.grad().getDouble(0) : Double.NaN;
    }

    private static void compare(Supplier<Soma> make, long[] shape, double scale, double offset, long seed,
            String label) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, shape).muli(scale).addi(offset);
        INDArray w = GradientCheck.randomWeights(shape, seed).castTo(DataType.FLOAT);
        Run a = fused(make.get(), x, w);
        Run b = perStep(make.get(), x, w);

        double rate = 0;
        for (float s : a.spikes()) {
            rate += s;
        }
        rate /= a.spikes().length;
        assertTrue(rate > 0.05 && rate < 0.95, label + ": firing rate " + rate + " does not exercise both branches");

        assertArrayEquals(b.spikes(), a.spikes(), 0f, label + " spikes");
        assertArrayEquals(b.dx(), a.dx(), 1e-5f, label + " dx");
        if (!Double.isNaN(b.dtau())) {
            assertEquals(b.dtau(), a.dtau(), 1e-5 * Math.max(1, Math.abs(b.dtau())), label + " dtau");
            assertTrue(Math.abs(b.dtau()) > 1e-3, label + ": tau gradient is trivially zero");
        }
    }

    @ParameterizedTest(name = "{0} {1} hard={2}")
    @MethodSource("cases")
    void fusedMatchesPerStep(String kind, Surrogate s, boolean hard) {
        double scale = kind.equals("IF") ? 1.0 : 2.0;
        compare(factory(kind, s, hard), new long[] {9, 3, 17}, scale, -0.2, 17, kind + " " + s + " hard=" + hard);
    }

    @Test
    void manyNeuronsUseTheMultiThreadedKernel() {
        // 64 * 200 = 12800 neurons per step, above the 2 * 4096 needed to split the kernel into several tasks
        compare(factory("LIF", new Sigmoid(), false), new long[] {4, 64, 200}, 2.0, -0.2, 5, "LIF large");
        compare(factory("IF", new Gaussian(), true), new long[] {4, 64, 200}, 1.0, -0.2, 6, "IF large");
    }
}

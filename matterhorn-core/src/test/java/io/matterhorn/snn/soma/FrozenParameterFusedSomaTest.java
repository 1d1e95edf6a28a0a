package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.neuron.NeuronDynamics;
import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.optim.Adam;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.tensor.Tensor;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Freezing a soma's tau_m after construction, through the fused multi-step path: the frozen parameter gets no
 * gradient and no gradient work, the input gradient is unchanged, optimisers leave it alone, and unfreezing
 * restores everything.
 */
class FrozenParameterFusedSomaTest {
    private static final int T = 6;
    private static final int B = 3;
    private static final int N = 5;

    private static INDArray input() {
        Nd4j.getRandom().setSeed(21);
        return Nd4j.rand(DataType.FLOAT, T, B, N).muli(2.5f);
    }

    private static INDArray weights() {
        Nd4j.getRandom().setSeed(22);
        return Nd4j.rand(DataType.FLOAT, T, B, N).subi(0.5f);
    }

    /** Runs one fused sequence and a backward of sum(spikes * W); returns dL/dx. */
    private static INDArray run(Soma soma) {
        soma.reset();
        Tensor x = Tensor.variable(input());
        Tensor y = soma.forwardSequence(x);
        assertTrue(y.op().startsWith("somaSequence"), "fused path taken, got " + y.op());
        y.mul(Tensor.of(weights())).sum().backward();
        return x.grad().dup();
    }

    @Test
    void frozenTauGetsNoGradientAndTheInputGradientIsUnchanged() {
        LIF lif = LIF.builder().tauM(2.0).trainable(true).spikingFunction(new Sigmoid(1.0)).build();
        INDArray gxTrainable = run(lif);
        double gTau = lif.tauM().grad().getDouble(0);
        assertTrue(gTau != 0, "a trainable tau_m receives a gradient");

        lif.freeze();
        lif.tauM().zeroGrad();
        INDArray gxFrozen = run(lif);
        assertFalse(lif.tauM().requiresGrad());
        assertEquals(0.0, lif.tauM().grad().getDouble(0), 0, "no gradient accumulates into a frozen tau_m");
        assertEquals(gxTrainable, gxFrozen);

        lif.unfreeze();
        lif.tauM().zeroGrad();
        run(lif);
        assertEquals(gTau, lif.tauM().grad().getDouble(0), 1e-6 * Math.abs(gTau));
    }

    @Test
    void analogFusedSomaSkipsFrozenParameters() {
        KLIF klif = KLIF.builder().trainable(true).build();
        INDArray gxTrainable = run(klif);
        assertNotNull(klif.tauM().grad());
        klif.freeze();
        for (Tensor p : klif.parameters()) {
            p.zeroGrad();
        }
        INDArray gxFrozen = run(klif);
        for (Tensor p : klif.parameters()) {
            assertEquals(0.0, p.grad().sumNumber().doubleValue(), 0, "frozen KLIF parameter got a gradient");
        }
        assertEquals(gxTrainable, gxFrozen);
    }

    @Test
    void optimiserLeavesAFrozenTauAlone() {
        LIF lif = LIF.builder().tauM(2.0).trainable(true).spikingFunction(new Sigmoid(1.0)).build();
        Adam opt = new Adam(lif.parameters(), 0.1);
        run(lif);
        lif.setTrainable("tau_m", false);
        opt.step();
        assertEquals(2.0, lif.tauM().item(), 0);
        lif.setTrainable("tau_m", true);
        opt.step();
        assertTrue(lif.tauM().item() != 2.0);
        assertThrows(IllegalArgumentException.class, () -> lif.setTrainable("tau", true));
    }

    @Test
    void aSomaCreatedFrozenCanBeUnfrozen() {
        LIF lif = LIF.builder().tauM(2.0).trainable(false).spikingFunction(new Sigmoid(1.0)).build();
        run(lif);
        assertNull(lif.tauM().grad());
        lif.unfreeze();
        run(lif);
        assertNotNull(lif.tauM().grad());
    }

    /** A LIF that runs on the pure-Java fused kernel and counts the parameter-gradient calls of its dynamics. */
    private static final class CountingLif extends Soma {
        private final Tensor tauM;
        private final AtomicLong paramGradCalls = new AtomicLong();

        CountingLif() {
            super(1.0, 0.0, new Sigmoid(1.0), true);
            tauM = registerScalar("tau_m", 2.0, true);
        }

        @Override
        public boolean supportsMultiStep() {
            return true;
        }

        @Override
        protected Tensor response(Tensor h, Tensor x) {
            return x.sub(h.sub(uRest)).div(tauM).add(h);
        }

        @Override
        protected NeuronDynamics dynamics() {
            NeuronDynamics d = NeuronKind.LIF.dynamics(new float[] {(float) tauM.item()}, uRest);
            return new NeuronDynamics() {
                @Override
                public float response(float h, float x) {
                    return d.response(h, x);
                }

                @Override
                public float dResponseDh(float h, float x) {
                    return d.dResponseDh(h, x);
                }

                @Override
                public float dResponseDx(float h, float x) {
                    return d.dResponseDx(h, x);
                }

                @Override
                public int paramCount() {
                    return d.paramCount();
                }

                @Override
                public void addParamGrads(float h, float x, float gu, double[] acc) {
                    paramGradCalls.incrementAndGet();
                    d.addParamGrads(h, x, gu, acc);
                }
            };
        }
    }

    @Test
    void frozenParametersCostNoGradientWorkInTheFusedKernel() {
        CountingLif soma = new CountingLif();
        INDArray gxTrainable = run(soma);
        assertEquals((long) T * B * N, soma.paramGradCalls.get(), "one parameter-gradient term per neuron-step");
        soma.freeze();
        soma.paramGradCalls.set(0);
        INDArray gxFrozen = run(soma);
        assertEquals(0, soma.paramGradCalls.get(), "no parameter-gradient work for a frozen tau_m");
        assertEquals(gxTrainable, gxFrozen);
    }

    @Test
    void javaKernelBackwardWithoutParametersWritesTheSameInputGradient() {
        io.matterhorn.kernel.SomaSpec spec = new io.matterhorn.kernel.SomaSpec(NeuronKind.LIF, new float[] {2f},
                new Sigmoid(1.0), 1f, 0f, true);
        io.matterhorn.kernel.jvm.JavaSomaKernels k = new io.matterhorn.kernel.jvm.JavaSomaKernels();
        float[] x = input().data().asFloat();
        float[] gs = weights().data().asFloat();
        io.matterhorn.kernel.SomaKernels.SomaForward f = k.forward(spec, x, null, T, B * N);
        io.matterhorn.kernel.SomaKernels.SomaGradients full = k.backward(spec, x, null, f.u(), gs, null, T, B * N);
        float[] gx = new float[x.length];
        float[] gh0 = new float[B * N];
        k.backwardInputs(spec, java.nio.FloatBuffer.wrap(x), 0, null, f.u(), java.nio.FloatBuffer.wrap(gs), 0, null,
                T, B * N, java.nio.FloatBuffer.wrap(gx), gh0);
        assertArrayEquals(full.gradX(), gx, 0f);
        assertArrayEquals(full.gradH0(), gh0, 0f);
    }

    @Test
    void onlyLeavesCanBeFrozen() {
        Tensor interior = Tensor.variable(Nd4j.ones(2)).mul(2.0);
        assertThrows(IllegalStateException.class, () -> interior.setRequiresGrad(false));
        List<Tensor> ps = LIF.builder().trainable(true).build().freeze().trainableParameters();
        assertTrue(ps.isEmpty());
    }
}

package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.kernel.jvm.JavaSomaKernels;
import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.SomaSpec;
import io.matterhorn.snn.surrogate.Surrogate;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The C++ kernels against the pure-Java fused kernel: every kind x surrogate x reset, random shapes, forward
 * (spikes exactly, u and hLast) and every gradient (x, h0, parameters), with and without h0 / gradHLast.
 */
class NativeSomaParityTest {
    private SomaKernels nativeKernels;

    @BeforeEach
    void needNative() {
        NativeTestSupport.requireNative();
        nativeKernels = new NativeKernelProvider().somaKernels();
    }

    @Test
    void everyCombinationMatchesJava() {
        int runs = 0;
        for (long seed = 1; seed <= 3; seed++) {
            runs += SomaParity.checkAll(nativeKernels, seed);
        }
        assertEquals(3 * 4 * 4 * 2, runs);
    }

    @Test
    void everyInstructionSetCopyMatchesJava() {
        NativeTestSupport.forEachIsa((isa, index) -> {
            SomaParity.checkAll(nativeKernels, 40 + index);
            NativeStdpTest.check(new NativeKernelProvider().stdpKernels(), 40 + index);
        });
    }

    @Test
    void theNativeCodeActuallyRuns() {
        long before = NativeBridge.callCount(NativeBridge.CPU);
        SomaSpec spec = new SomaSpec(NeuronKind.LIF, new float[] {2f}, Fixtures.surrogate(2, 1.0), 1f, 0f, true);
        float[] x = Fixtures.input(new Random(1), 64);
        SomaKernels.SomaForward f = nativeKernels.forward(spec, x, null, 4, 16);
        nativeKernels.backward(spec, x, null, f.u(), new float[64], null, 4, 16);
        assertEquals(before + 2, NativeBridge.callCount(NativeBridge.CPU),
                "two kernel calls must have run in the C++ library");
    }

    @Test
    void aCustomSurrogateRunsOnTheJavaKernelWithTheSameResults() {
        SomaSpec spec = new SomaSpec(NeuronKind.LIF, new float[] {2f},
                Surrogate.of("ATan", v -> 1.0 / (1.0 + Math.PI * Math.PI * v * v)), 1f, 0f, false);
        float[] x = Fixtures.input(new Random(4), 96);
        float[] g = Fixtures.input(new Random(5), 96);
        long before = NativeBridge.callCount(NativeBridge.CPU);
        SomaKernels.SomaForward f = nativeKernels.forward(spec, x, null, 6, 16);
        SomaKernels.SomaGradients gn = nativeKernels.backward(spec, x, null, f.u(), g, null, 6, 16);
        assertEquals(before, NativeBridge.callCount(NativeBridge.CPU), "the C++ library has no custom surrogate");
        JavaSomaKernels java = new JavaSomaKernels();
        SomaKernels.SomaForward fj = java.forward(spec, x, null, 6, 16);
        SomaKernels.SomaGradients gj = java.backward(spec, x, null, fj.u(), g, null, 6, 16);
        assertArrayEquals(fj.spikes(), f.spikes());
        assertArrayEquals(gj.gradX(), gn.gradX());
        assertArrayEquals(gj.paramGrads(), gn.paramGrads(), 0.0);
    }

    @Test
    void directHeapSliceAndReadOnlyBuffersGiveTheSameResult() {
        Random rnd = new Random(9);
        int steps = 6;
        int neurons = 77;
        int total = steps * neurons;
        int off = 5;
        SomaSpec spec = new SomaSpec(NeuronKind.QIF, new float[] {2f, 0.8f, 0.8f}, Fixtures.surrogate(3, 1.0), 1f,
                0f, false);
        float[] x = Fixtures.input(rnd, total);
        float[] g = Fixtures.signed(rnd, total);
        SomaKernels java = new JavaSomaKernels();
        SomaKernels.SomaForward ref = java.forward(spec, x, null, steps, neurons);
        SomaKernels.SomaGradients refG = java.backward(spec, x, null, ref.u(), g, null, steps, neurons);

        FloatBuffer direct = ByteBuffer.allocateDirect(4 * (total + off)).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        direct.put(off, x);
        float[] padded = new float[total + 2 * off];
        System.arraycopy(x, 0, padded, 2 * off, total);
        FloatBuffer slice = FloatBuffer.wrap(padded).position(off).slice();   // arrayOffset() == off
        FloatBuffer readOnly = FloatBuffer.wrap(padded).asReadOnlyBuffer();
        FloatBuffer swapped = ByteBuffer.allocateDirect(4 * (total + off)).order(ByteOrder.BIG_ENDIAN)
                .asFloatBuffer().put(off, x);
        FloatBuffer[] inputs = {direct, slice, readOnly, swapped};
        int[] offsets = {off, off, 2 * off, off};
        for (int k = 0; k < inputs.length; k++) {
            FloatBuffer spikes = ByteBuffer.allocateDirect(4 * total).order(ByteOrder.nativeOrder()).asFloatBuffer();
            float[] u = new float[total];
            float[] hLast = new float[neurons];
            nativeKernels.forward(spec, inputs[k], offsets[k], null, steps, neurons, spikes, u, hLast);
            float[] s = new float[total];
            spikes.get(0, s);
            Fixtures.same("spikes via buffer " + k, ref.spikes(), s, total);
            Fixtures.close("u via buffer " + k, ref.u(), u, total);
            FloatBuffer gradX = FloatBuffer.allocate(total + 3).position(3).slice();   // not at array start
            double[] dp = nativeKernels.backward(spec, inputs[k], offsets[k], null, u, FloatBuffer.wrap(g), 0, null,
                    steps, neurons, gradX, null);
            float[] gx = new float[total];
            gradX.get(0, gx);
            Fixtures.close("gradX via buffer " + k, refG.gradX(), gx, total);
            Fixtures.close("paramGrads via buffer " + k, refG.paramGrads(), dp);
        }
    }

    @Test
    void optionalOutputsMayBeOmittedAndEmptySequencesWork() {
        Random rnd = new Random(4);
        SomaSpec spec = new SomaSpec(NeuronKind.EIF, new float[] {2f, 0.5f, 1f}, Fixtures.surrogate(1, 1.0), 1f, 0f,
                true);
        float[] x = Fixtures.input(rnd, 40);
        SomaKernels.SomaForward f = nativeKernels.forward(spec, x, null, 4, 10);
        float[] g = Fixtures.signed(rnd, 40);
        double[] all = nativeKernels.backward(spec, x, null, f.u(), g, null, 4, 10).paramGrads();
        double[] only = nativeKernels.backward(spec, FloatBuffer.wrap(x), 0, null, f.u(), FloatBuffer.wrap(g), 0,
                null, 4, 10, null, null);
        Fixtures.close("param grads without gradX/gradH0", all, only);
        float[] h0 = {0.3f, -0.2f};
        SomaKernels.SomaForward empty = nativeKernels.forward(spec, new float[0], h0, 0, 2);
        Fixtures.same("hLast of T=0", h0, empty.hLast(), 2);
        assertTrue(nativeKernels.backward(spec, new float[0], h0, new float[0], new float[0], h0, 0, 2)
                .gradH0()[0] == 0.3f);
    }
}

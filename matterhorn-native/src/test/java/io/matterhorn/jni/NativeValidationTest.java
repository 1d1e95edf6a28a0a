package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.kernel.NeuronKind;
import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.SomaSpec;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input gives IllegalArgumentException, never a JVM crash: through the SPI (checked in Java) and straight
 * into the JNI functions (checked again in C++). Runs under -Xcheck:jni.
 */
class NativeValidationTest {
    private static final float[] LIF = {2f};

    @BeforeEach
    void needNative() {
        NativeTestSupport.requireNative();
    }

    private static void rejects(String fragment, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should mention " + fragment);
    }

    @Test
    void theSpiRejectsBadSizes() {
        SomaKernels k = new NativeKernelProvider().somaKernels();
        SomaSpec spec = new SomaSpec(NeuronKind.LIF, LIF, Fixtures.surrogate(0, 2.0), 1f, 0f, true);
        rejects("x", () -> k.forward(spec, new float[5], null, 2, 3));
        rejects(">= 0", () -> k.forward(spec, new float[6], null, -1, 3));
        rejects("h0", () -> k.forward(spec, new float[6], new float[2], 2, 3));
        rejects("gradSpikes", () -> k.backward(spec, new float[6], null, new float[6], new float[4], null, 2, 3));
        rejects("u", () -> k.backward(spec, new float[6], null, new float[5], new float[6], null, 2, 3));
        rejects("NaN", () -> k.forward(spec, new float[] {0, 0, Float.NaN, 0, 0, 0}, null, 2, 3));
    }

    @Test
    void theLibraryItselfRejectsBadSizesAndValues() {
        float[] six = new float[6];
        rejects("x [T, N]", () -> NativeBridge.somaForward(1, LIF, 0, 2.0, 1f, 0f, true, new float[5], 0, null, 2, 3,
                six, new float[6], new float[3]));
        rejects("x [T, N]", () -> NativeBridge.somaForward(1, LIF, 0, 2.0, 1f, 0f, true, six, 1, null, 2, 3,
                new float[6], new float[6], new float[3]));
        rejects(">= 0", () -> NativeBridge.somaForward(1, LIF, 0, 2.0, 1f, 0f, true, six, 0, null, -2, 3,
                new float[6], new float[6], new float[3]));
        rejects("hLast", () -> NativeBridge.somaForward(1, LIF, 0, 2.0, 1f, 0f, true, six, 0, null, 2, 3,
                new float[6], new float[6], new float[2]));
        rejects("x [T, N] must not be null", () -> NativeBridge.somaForward(1, LIF, 0, 2.0, 1f, 0f, true, null, 0,
                null, 2, 3, new float[6], new float[6], new float[3]));
        rejects("direct FloatBuffer", () -> NativeBridge.somaForward(1, LIF, 0, 2.0, 1f, 0f, true, new double[6], 0,
                null, 2, 3, new float[6], new float[6], new float[3]));
        rejects("direct FloatBuffer", () -> NativeBridge.somaForward(1, LIF, 0, 2.0, 1f, 0f, true,
                FloatBuffer.wrap(six), 0, null, 2, 3, new float[6], new float[6], new float[3]));
        rejects("direct FloatBuffer", () -> NativeBridge.somaForward(1, LIF, 0, 2.0, 1f, 0f, true,
                ByteBuffer.allocateDirect(24), 0, null, 2, 3, new float[6], new float[6], new float[3]));
        rejects("neuron parameters", () -> NativeBridge.somaForward(2, LIF, 0, 2.0, 1f, 0f, true, six, 0, null, 2, 3,
                new float[6], new float[6], new float[3]));
        rejects("neuron kind", () -> NativeBridge.somaForward(7, LIF, 0, 2.0, 1f, 0f, true, six, 0, null, 2, 3,
                new float[6], new float[6], new float[3]));
        rejects("surrogate", () -> NativeBridge.somaForward(1, LIF, 9, 2.0, 1f, 0f, true, six, 0, null, 2, 3,
                new float[6], new float[6], new float[3]));
        rejects("tau_m", () -> NativeBridge.somaForward(1, new float[] {-1f}, 0, 2.0, 1f, 0f, true, six, 0, null, 2,
                3, new float[6], new float[6], new float[3]));
        rejects("NaN", () -> NativeBridge.somaForward(1, LIF, 0, 2.0, 1f, 0f, true,
                new float[] {0, Float.NaN, 0, 0, 0, 0}, 0, null, 2, 3, new float[6], new float[6], new float[3]));
        rejects("paramGrads", () -> NativeBridge.somaBackward(1, LIF, 0, 2.0, 1f, 0f, true, six, 0, null, six, six, 0,
                null, 2, 3, null, null, new double[0]));
        rejects("gradX", () -> NativeBridge.somaBackward(1, LIF, 0, 2.0, 1f, 0f, true, six, 0, null, six, six, 0,
                null, 2, 3, new float[5], null, new double[1]));
        rejects("gradSpikes", () -> NativeBridge.somaBackward(1, LIF, 0, 2.0, 1f, 0f, true, six, 0, null, six,
                new float[2], 0, null, 2, 3, null, null, new double[1]));
        rejects("dw", () -> NativeBridge.stdpDeltaWeight(new float[4], new float[4], 2, 1, 2, 2, 1, 1, 1, 1,
                new float[3]));
        rejects("output spikes", () -> NativeBridge.stdpDeltaWeight(new float[4], new float[3], 2, 1, 2, 2, 1, 1, 1,
                1, new float[4]));
        rejects("tau", () -> NativeBridge.stdpDeltaWeight(new float[4], new float[4], 2, 1, 2, 2, 1, -1, 1, 1,
                new float[4]));
        rejects(">= 0", () -> NativeBridge.stdpDeltaWeight(new float[4], new float[4], 2, -1, 2, 2, 1, 1, 1, 1,
                new float[4]));
        rejects("n must be", () -> NativeBridge.copy(new float[1], new float[1], -1));
        rejects("dst", () -> NativeBridge.copy(new float[4], new float[1], 4));
    }
}

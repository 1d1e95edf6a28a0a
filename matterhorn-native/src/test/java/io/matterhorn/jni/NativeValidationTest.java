package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.neuron.NeuronKind;
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
    private static final int CPU = NativeBridge.CPU;
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
        rejects("infinity", () -> k.forward(spec, new float[] {0, 0, 0, 0, 0, Float.POSITIVE_INFINITY}, null, 2, 3));
        rejects("infinity", () -> k.forward(spec, new float[] {Float.NEGATIVE_INFINITY, 0, 0, 0, 0, 0}, null, 2, 3));
    }

    @Test
    void theLibraryItselfRejectsBadSizesAndValues() {
        float[] six = new float[6];
        rejects("x [T, N]", () -> NativeBridge.somaForward(CPU, 1, LIF, 0, 2.0, 1f, 0f, true, new float[5], 0, null,
                2, 3,
                six, new float[6], new float[3]));
        rejects("x [T, N]", () -> NativeBridge.somaForward(CPU, 1, LIF, 0, 2.0, 1f, 0f, true, six, 1, null, 2, 3,
                new float[6], new float[6], new float[3]));
        rejects(">= 0", () -> NativeBridge.somaForward(CPU, 1, LIF, 0, 2.0, 1f, 0f, true, six, 0, null, -2, 3,
                new float[6], new float[6], new float[3]));
        rejects("hLast", () -> NativeBridge.somaForward(CPU, 1, LIF, 0, 2.0, 1f, 0f, true, six, 0, null, 2, 3,
                new float[6], new float[6], new float[2]));
        rejects("x [T, N] must not be null", () -> NativeBridge.somaForward(CPU, 1, LIF, 0, 2.0, 1f, 0f, true, null, 0,
                null, 2, 3, new float[6], new float[6], new float[3]));
        rejects("direct FloatBuffer", () -> NativeBridge.somaForward(CPU, 1, LIF, 0, 2.0, 1f, 0f, true,
                new double[6], 0,
                null, 2, 3, new float[6], new float[6], new float[3]));
        rejects("direct FloatBuffer", () -> NativeBridge.somaForward(CPU, 1, LIF, 0, 2.0, 1f, 0f, true,
                FloatBuffer.wrap(six), 0, null, 2, 3, new float[6], new float[6], new float[3]));
        rejects("direct FloatBuffer", () -> NativeBridge.somaForward(CPU, 1, LIF, 0, 2.0, 1f, 0f, true,
                ByteBuffer.allocateDirect(24), 0, null, 2, 3, new float[6], new float[6], new float[3]));
        rejects("neuron parameters", () -> NativeBridge.somaForward(CPU, 2, LIF, 0, 2.0, 1f, 0f, true, six, 0, null,
                2, 3,
                new float[6], new float[6], new float[3]));
        rejects("neuron kind", () -> NativeBridge.somaForward(CPU, 7, LIF, 0, 2.0, 1f, 0f, true, six, 0, null, 2, 3,
                new float[6], new float[6], new float[3]));
        rejects("surrogate", () -> NativeBridge.somaForward(CPU, 1, LIF, 9, 2.0, 1f, 0f, true, six, 0, null, 2, 3,
                new float[6], new float[6], new float[3]));
        rejects("tau_m", () -> NativeBridge.somaForward(CPU, 1, new float[] {-1f}, 0, 2.0, 1f, 0f, true, six, 0,
                null, 2,
                3, new float[6], new float[6], new float[3]));
        rejects("NaN", () -> NativeBridge.somaForward(CPU, 1, LIF, 0, 2.0, 1f, 0f, true,
                new float[] {0, Float.NaN, 0, 0, 0, 0}, 0, null, 2, 3, new float[6], new float[6], new float[3]));
        // every instruction-set copy and every block of 2048 neurons: an infinity in the last element of a long x
        float[] wide = new float[2 * 5000];
        wide[wide.length - 1] = Float.NEGATIVE_INFINITY;
        rejects("infinity", () -> NativeBridge.somaForward(CPU, 1, LIF, 0, 2.0, 1f, 0f, true, wide, 0, null, 2, 5000,
                new float[wide.length], new float[wide.length], new float[5000]));
        rejects("paramGrads", () -> NativeBridge.somaBackward(CPU, 1, LIF, 0, 2.0, 1f, 0f, true, six, 0, null, six,
                six, 0,
                null, 2, 3, null, null, new double[0]));
        rejects("gradX", () -> NativeBridge.somaBackward(CPU, 1, LIF, 0, 2.0, 1f, 0f, true, six, 0, null, six, six, 0,
                null, 2, 3, new float[5], null, new double[1]));
        rejects("gradSpikes", () -> NativeBridge.somaBackward(CPU, 1, LIF, 0, 2.0, 1f, 0f, true, six, 0, null, six,
                new float[2], 0, null, 2, 3, null, null, new double[1]));
        rejects("dw", () -> NativeBridge.stdpDeltaWeight(CPU, new float[4], new float[4], 2, 1, 2, 2, 1, 1, 1, 1,
                null, null, new double[3]));
        rejects("output spikes", () -> NativeBridge.stdpDeltaWeight(CPU, new float[4], new float[3], 2, 1, 2, 2, 1, 1,
                1, 1, null, null, new double[4]));
        rejects("tau", () -> NativeBridge.stdpDeltaWeight(CPU, new float[4], new float[4], 2, 1, 2, 2, 1, -1, 1, 1,
                null, null, new double[4]));
        rejects(">= 0", () -> NativeBridge.stdpDeltaWeight(CPU, new float[4], new float[4], 2, -1, 2, 2, 1, 1, 1, 1,
                null, null, new double[4]));
        rejects("preCarry", () -> NativeBridge.stdpDeltaWeight(CPU, new float[4], new float[4], 2, 1, 2, 2, 1, 1, 1,
                1, new double[3], null, new double[4]));
        rejects("unknown backend", () -> NativeBridge.stdpDeltaWeight(7, new float[4], new float[4], 2, 1, 2, 2, 1,
                1, 1, 1,
                null, null, new double[4]));
        rejects("n must be", () -> NativeBridge.copy(new float[1], new float[1], -1));
        rejects("dst", () -> NativeBridge.copy(new float[4], new float[1], 4));
    }
}

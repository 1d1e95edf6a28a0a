package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.SomaSpec;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CUDA kernels against Java; skipped with the reason ("no CUDA device: ...") where there is no GPU. */
class CudaParityTest {
    private final CudaKernelProvider provider = new CudaKernelProvider();

    @BeforeEach
    void needCuda() {
        NativeTestSupport.requireCuda();
    }

    @Test
    void everyCombinationMatchesJava() {
        assertEquals(32, SomaParity.checkAll(provider.somaKernels(), 7));
    }

    @Test
    void everyNeuronIsComputedOnLargeLayers() {
        // matterhorn 1.0.1's CUDA kernel computed only neurons with index mod 1024 < 256
        Random rnd = new Random(2);
        SomaSpec spec = new SomaSpec(NeuronKind.LIF, new float[] {2f}, Fixtures.surrogate(2, 1.0), 1f, 0f, true);
        int neurons = 300_001;
        SomaParity.compare(new io.matterhorn.kernel.jvm.JavaSomaKernels(), provider.somaKernels(), spec, 3, neurons,
                true,
                rnd);
    }

    @Test
    void stdpMatchesJavaAndTheLiteralSum() {
        NativeStdpTest.check(provider.stdpKernels(), 5);
    }

    @Test
    void theCudaCodeActuallyRunsAndValidates() {
        long before = NativeBridge.callCount(NativeBridge.CUDA);
        SomaKernels k = provider.somaKernels();
        SomaSpec spec = new SomaSpec(NeuronKind.IF, new float[0], Fixtures.surrogate(0, 2.0), 1f, 0f, true);
        k.forward(spec, new float[8], null, 2, 4);
        assertEquals(before + 1, NativeBridge.callCount(NativeBridge.CUDA));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NativeBridge.somaForward(NativeBridge.CUDA, 0, new float[0], 0, 2.0, 1f, 0f, true,
                        new float[7], 0, null, 2, 4,
                        new float[8], new float[8], new float[4]));
        assertTrue(e.getMessage().contains("x [T, N]"), e.getMessage());
    }
}

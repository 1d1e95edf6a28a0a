package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.kernel.Backends;
import io.matterhorn.kernel.KernelProvider;
import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.SomaSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Backend choice with the real providers of this module on the class path. */
class NativeBackendsTest {

    @Test
    void allThreeProvidersAreRegistered() {
        List<String> names = Backends.discover().stream().map(KernelProvider::name).toList();
        assertEquals(List.of("cuda", "native", "java"), names, "ServiceLoader order by rank");
    }

    @Test
    void javaCanAlwaysBeForced() {
        assertEquals("java", Backends.select("java", Backends.discover()).provider().name());
    }

    @Test
    void unknownNamesThrow() {
        assertThrows(IllegalArgumentException.class, () -> Backends.select("opencl", Backends.discover()));
    }

    @Test
    void nativeRequestedWorksAndRunsNativeCode() {
        NativeTestSupport.requireNative();
        Backends.Selection s = Backends.select("native", Backends.discover());
        assertEquals("native", s.provider().name());
        long before = NativeBridge.callCount(NativeBridge.CPU);
        SomaKernels k = s.provider().somaKernels();
        k.forward(new SomaSpec(NeuronKind.IF, new float[0], Fixtures.surrogate(0, 2.0), 1f, 0f, true), new float[8],
                null, 2, 4);
        assertEquals(before + 1, NativeBridge.callCount(NativeBridge.CPU));
    }

    @Test
    void autoPrefersTheFastestAvailableAndExplainsTheRest() {
        NativeTestSupport.requireNative();
        Backends.Selection s = Backends.select("auto", Backends.discover());
        boolean cuda = new CudaKernelProvider().availability().available();
        assertEquals(cuda ? "cuda" : "native", s.provider().name());
        String line = s.describe();
        assertTrue(line.contains("java (slower"), line);
        if (!cuda) {
            assertTrue(line.contains("cuda ("), line);
        }
    }

    @Test
    void cudaRequestedWithoutADeviceThrowsWithTheCause() {
        CudaKernelProvider cuda = new CudaKernelProvider();
        if (cuda.availability().available()) {
            assertEquals("cuda", Backends.select("cuda", Backends.discover()).provider().name());
            return;
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Backends.select("cuda", Backends.discover()));
        assertTrue(e.getMessage().contains(cuda.availability().reason()), e.getMessage());
        assertThrows(IllegalStateException.class, cuda::somaKernels);
    }
}

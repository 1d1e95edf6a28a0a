package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.matterhorn.kernel.Availability;

/** Decides whether the native tests run: skipped (with the reason) only when the library was not built. */
final class NativeTestSupport {
    private NativeTestSupport() {
    }

    /**
     * Skips the test if libmatterhorn_native.so is not on the class path (fails instead under
     * {@code -Dmatterhorn.native.required=true}); fails if it is there but broken.
     */
    static void requireNative() {
        Availability a = new NativeKernelProvider().availability();
        if (!a.available()) {
            boolean shipped = NativeTestSupport.class.getClassLoader()
                    .getResource(NativeLibraryLoader.RESOURCE_DIR + "libmatterhorn_native.so") != null;
            if (shipped) {
                fail("libmatterhorn_native.so was built but does not load: " + a.reason(), a.cause());
            }
            if (Boolean.getBoolean("matterhorn.native.required")) {
                fail("native library not built, but -Dmatterhorn.native.required=true: " + a.reason(), a.cause());
            }
            assumeTrue(false, "native library not built: " + a.reason());
        }
    }

    /** Skips the test with the reason when no CUDA device (or no CUDA library) is present. */
    static void requireCuda() {
        Availability a = new CudaKernelProvider().availability();
        assumeTrue(a.available(),
                () -> a.reason().startsWith("no CUDA device") ? a.reason() : "no CUDA device: " + a.reason());
    }

    /** A check run once per compiled instruction set. */
    @FunctionalInterface
    interface IsaCheck {
        /**
         * @param isa the selected instruction set
         * @param index 0, 1, ... in the order the sets were tested
         */
        void run(String isa, int index);
    }

    /**
     * Runs {@code check} with each instruction set the processor supports selected (sse2 always, avx2, avx512),
     * then restores the library's own choice; also checks that an unknown set is refused.
     *
     * @param check the check
     */
    static void forEachIsa(IsaCheck check) {
        String chosen = NativeBridge.isa();
        int tested = 0;
        try {
            for (String isa : new String[] {"sse2", "avx2", "avx512"}) {
                if (NativeBridge.selectIsa(isa)) {
                    assertEquals(isa, NativeBridge.isa());
                    check.run(isa, tested++);
                }
            }
        } finally {
            assertTrue(NativeBridge.selectIsa(chosen));
        }
        assertTrue(tested >= 1, "sse2 is always supported");
        assertTrue(!NativeBridge.selectIsa("neon"), "unknown instruction sets are refused");
    }
}

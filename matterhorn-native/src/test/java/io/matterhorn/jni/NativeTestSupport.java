package io.matterhorn.jni;

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
}

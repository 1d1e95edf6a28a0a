package io.matterhorn.jni;

import java.nio.file.Path;

/**
 * The C++ backend ("native", rank 20): the OpenMP kernels in {@code libmatterhorn_native.so}. Available when
 * the library was built into this jar (Linux x86-64 with CMake and g++ at build time) and loads here.
 */
public final class NativeKernelProvider extends BridgeKernelProvider {
    /** The provider (ServiceLoader). */
    public NativeKernelProvider() {
        super("native", 20, NativeBridge.CPU);
    }

    @Override
    String attach(Path jniLibrary) {
        return "C++ " + jniLibrary.getFileName() + ", " + NativeBridge.describe(NativeBridge.CPU);
    }
}

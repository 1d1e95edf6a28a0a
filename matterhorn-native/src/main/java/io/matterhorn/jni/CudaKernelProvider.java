package io.matterhorn.jni;

import java.nio.file.Path;

/**
 * The CUDA backend ("cuda", rank 30): {@code libmatterhorn_cuda.so}, driven through the JNI layer of
 * {@code libmatterhorn_native.so}. Available when both libraries were built (nvcc on the PATH at build time),
 * load here, and {@code cudaGetDeviceCount} finds a device.
 */
public final class CudaKernelProvider extends BridgeKernelProvider {
    /** The provider (ServiceLoader). */
    public CudaKernelProvider() {
        super("cuda", 30, NativeBridge.CUDA);
    }

    @Override
    String attach(Path jniLibrary) {
        Path cuda = NativeLibraryLoader.load(NativeBridge.CUDA_LIBRARY);
        NativeBridge.attachCuda(cuda.toString());
        return "CUDA " + cuda.getFileName() + ", " + NativeBridge.describe(NativeBridge.CUDA);
    }
}

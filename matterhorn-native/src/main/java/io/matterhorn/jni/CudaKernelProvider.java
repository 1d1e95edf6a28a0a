package io.matterhorn.jni;

import io.matterhorn.kernel.Availability;
import io.matterhorn.kernel.KernelProvider;
import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.StdpKernels;
import java.nio.file.Path;

/**
 * The CUDA backend ("cuda", rank 30): {@code libmatterhorn_cuda.so}. Available when the library was built (nvcc
 * on the PATH at build time), loads here, and {@code cudaGetDeviceCount} finds a device.
 */
public final class CudaKernelProvider implements KernelProvider {
    private static final SomaKernels SOMA = new BridgeSomaKernels(CudaBridge.ENTRY_POINTS, "cuda");
    private static final StdpKernels STDP = new BridgeStdpKernels(CudaBridge.ENTRY_POINTS);
    private static volatile Availability availability;

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public int rank() {
        return 30;
    }

    @Override
    public Availability availability() {
        Availability a = availability;
        if (a == null) {
            synchronized (CudaKernelProvider.class) {
                a = availability;
                if (a == null) {
                    a = probe();
                    availability = a;
                }
            }
        }
        return a;
    }

    private static Availability probe() {
        Path p;
        try {
            p = NativeLibraryLoader.load(CudaBridge.LIBRARY);
            int abi = CudaBridge.abiVersion();
            if (abi != CudaBridge.ABI_VERSION) {
                return Availability.no("library " + p + " has ABI " + abi + ", expected " + CudaBridge.ABI_VERSION
                        + " (stale build)", null);
            }
        } catch (LinkageError | RuntimeException e) {
            return Availability.no("CUDA library unavailable: " + e.getMessage(), e);
        }
        try {
            int n = CudaBridge.deviceCount();
            return Availability.yes("CUDA " + p.getFileName() + ", " + n + " device(s), using "
                    + CudaBridge.deviceName());
        } catch (RuntimeException e) {
            return Availability.no("no CUDA device: " + e.getMessage(), e);
        }
    }

    @Override
    public SomaKernels somaKernels() {
        requireAvailable();
        return SOMA;
    }

    @Override
    public StdpKernels stdpKernels() {
        requireAvailable();
        return STDP;
    }

    private void requireAvailable() {
        Availability a = availability();
        if (!a.available()) {
            throw new IllegalStateException("CUDA kernels unavailable: " + a.reason(), a.cause());
        }
    }
}

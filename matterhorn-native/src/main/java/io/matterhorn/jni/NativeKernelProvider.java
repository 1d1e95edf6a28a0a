package io.matterhorn.jni;

import io.matterhorn.kernel.Availability;
import io.matterhorn.kernel.KernelProvider;
import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.StdpKernels;
import java.nio.file.Path;

/**
 * The C++ backend ("native", rank 20): {@code libmatterhorn_native.so}, OpenMP across neurons. Available when
 * the library was built into this jar (Linux x86-64 with CMake and g++ at build time) and loads here.
 */
public final class NativeKernelProvider implements KernelProvider {
    private static final SomaKernels SOMA = new BridgeSomaKernels(NativeBridge.ENTRY_POINTS, "native");
    private static final StdpKernels STDP = new BridgeStdpKernels(NativeBridge.ENTRY_POINTS);
    private static volatile Availability availability;

    @Override
    public String name() {
        return "native";
    }

    @Override
    public int rank() {
        return 20;
    }

    @Override
    public Availability availability() {
        Availability a = availability;
        if (a == null) {
            synchronized (NativeKernelProvider.class) {
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
        try {
            Path p = NativeLibraryLoader.load(NativeBridge.LIBRARY);
            int abi = NativeBridge.abiVersion();
            if (abi != NativeBridge.ABI_VERSION) {
                return Availability.no("library " + p + " has ABI " + abi + ", expected " + NativeBridge.ABI_VERSION
                        + " (stale build)", null);
            }
            return Availability.yes("C++ " + p.getFileName() + ", " + NativeBridge.isa() + ", "
                    + NativeBridge.threads() + " OpenMP threads");
        } catch (LinkageError | RuntimeException e) {
            return Availability.no("native library unavailable: " + e.getMessage(), e);
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
            throw new IllegalStateException("native kernels unavailable: " + a.reason(), a.cause());
        }
    }
}

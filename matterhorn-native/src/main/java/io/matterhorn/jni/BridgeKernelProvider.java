package io.matterhorn.jni;

import io.matterhorn.kernel.Availability;
import io.matterhorn.kernel.KernelProvider;
import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.StdpKernels;
import io.matterhorn.numeric.ChannelSums;
import io.matterhorn.numeric.FloatBits;
import io.matterhorn.numeric.PoissonDraws;
import io.matterhorn.numeric.ScatterConv;
import io.matterhorn.numeric.SparseRows;
import io.matterhorn.numeric.SpikeConv;
import io.matterhorn.numeric.SpikeMatmul;
import java.nio.file.Path;

/**
 * The provider base of the native backends: loads the one JNI library ({@link NativeBridge}), checks its ABI,
 * lets the subclass attach its kernels, and caches the outcome; the kernels go through {@link NativeBridge}
 * with the subclass's backend number. Thread-safe.
 */
abstract class BridgeKernelProvider implements KernelProvider {
    private final String name;
    private final int rank;
    private final SomaKernels soma;
    private final StdpKernels stdp;
    private static final ScatterConv.Accelerator CONV_SCATTER = new BridgeConvScatter();
    private static final SpikeConv.Accelerator SPIKE_CONV = new BridgeSpikeConv();
    private static final FloatBits.Accelerator FLOAT_SCANS = new BridgeFloatScans();
    private static final ChannelSums.Accelerator CHANNEL_SUMS = new BridgeChannelSums();
    private static final PoissonDraws.Accelerator POISSON_DRAWS = new BridgePoissonDraws();
    private static final SpikeMatmul.Accelerator SPIKE_MATMUL = new BridgeSpikeMatmul();
    private static final SparseRows.Accelerator SPARSE_ROWS = new BridgeSparseRows();
    private volatile Availability availability;

    /**
     * @param name backend name ("native", "cuda")
     * @param rank selection rank
     * @param backend {@link NativeBridge#CPU} or {@link NativeBridge#CUDA}
     */
    BridgeKernelProvider(String name, int rank, int backend) {
        this.name = name;
        this.rank = rank;
        this.soma = new BridgeSomaKernels(backend, name);
        this.stdp = new BridgeStdpKernels(backend);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int rank() {
        return rank;
    }

    @Override
    public final Availability availability() {
        Availability a = availability;
        if (a == null) {
            synchronized (this) {
                a = availability;
                if (a == null) {
                    a = probeLibrary();
                    availability = a;
                }
            }
        }
        return a;
    }

    private Availability probeLibrary() {
        Path p;
        try {
            p = NativeLibraryLoader.load(NativeBridge.LIBRARY);
            int abi = NativeBridge.abiVersion();
            if (abi != NativeBridge.ABI_VERSION) {
                return Availability.no("library " + p + " has ABI " + abi + ", expected " + NativeBridge.ABI_VERSION
                        + " (stale build)", null);
            }
        } catch (LinkageError | RuntimeException e) {
            return Availability.no("native library unavailable: " + e.getMessage(), e);
        }
        try {
            return Availability.yes(attach(p));
        } catch (LinkageError | RuntimeException e) {
            return Availability.no(name + " kernels unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * Makes this backend usable once the JNI library is loaded.
     *
     * @param jniLibrary the loaded {@code libmatterhorn_native.so}
     * @return the description for {@link Availability#yes}
     * @throws RuntimeException or LinkageError when the backend cannot be used here
     */
    abstract String attach(Path jniLibrary);

    @Override
    public final SomaKernels somaKernels() {
        requireAvailable();
        return soma;
    }

    @Override
    public final StdpKernels stdpKernels() {
        requireAvailable();
        return stdp;
    }

    /**
     * The CPU library's scatter data gradient of convolutions; also under the CUDA backend, whose convolutions run
     * on the CPU.
     */
    @Override
    public final ScatterConv.Accelerator convScatter() {
        requireAvailable();
        return CONV_SCATTER;
    }

    /** The CPU library's event-driven convolution (forward and weight gradient); also under the CUDA backend. */
    @Override
    public final SpikeConv.Accelerator spikeConv() {
        requireAvailable();
        return SPIKE_CONV;
    }

    /** The CPU library's whole-array scans (non-zero count, finite-value screen); also under the CUDA backend. */
    @Override
    public final FloatBits.Accelerator floatScans() {
        requireAvailable();
        return FLOAT_SCANS;
    }

    /** The CPU library's per-channel sums (bias gradients of convolutions); also under the CUDA backend. */
    @Override
    public final ChannelSums.Accelerator channelSums() {
        requireAvailable();
        return CHANNEL_SUMS;
    }

    /** The CPU library's Poisson-encoder draws; also under the CUDA backend, whose encoders run on the CPU. */
    @Override
    public final PoissonDraws.Accelerator poissonDraws() {
        requireAvailable();
        return POISSON_DRAWS;
    }

    /** The CPU library's event-driven product for spike inputs (linear layers); also under the CUDA backend. */
    @Override
    public final SpikeMatmul.Accelerator spikeMatmul() {
        requireAvailable();
        return SPIKE_MATMUL;
    }

    /** The CPU library's compression of dense matrices into sparse rows; also under the CUDA backend. */
    @Override
    public final SparseRows.Accelerator sparseRows() {
        requireAvailable();
        return SPARSE_ROWS;
    }

    private void requireAvailable() {
        Availability a = availability();
        if (!a.available()) {
            throw new IllegalStateException(name + " kernels unavailable: " + a.reason(), a.cause());
        }
    }
}

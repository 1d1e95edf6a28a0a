package io.matterhorn.kernel;

import io.matterhorn.numeric.ChannelSums;
import io.matterhorn.numeric.FloatBits;
import io.matterhorn.numeric.PoissonDraws;
import io.matterhorn.numeric.ScatterConv;
import io.matterhorn.numeric.SparseRows;
import io.matterhorn.numeric.SpikeConv;
import io.matterhorn.numeric.SpikeMatmul;

/**
 * A backend for the fused kernels, found through {@link java.util.ServiceLoader} (register the implementation
 * in {@code META-INF/services/io.matterhorn.kernel.KernelProvider}). {@link Backends} picks one by
 * {@code -Dmatterhorn.backend=auto|java|native|cuda}; under {@code auto} the available provider with the
 * highest {@link #rank()} wins. Implementations need a public no-argument constructor, must not throw from the
 * constructor, and do their loading lazily in {@link #availability()}.
 */
public interface KernelProvider {

    /** @return the backend name used by {@code matterhorn.backend}, lower case (e.g. "java", "native", "cuda") */
    String name();

    /** @return speed rank for {@code auto}: higher is preferred (java 10, native 20, cuda 30) */
    int rank();

    /** @return whether the kernels can run here (computed once, then cached) */
    Availability availability();

    /**
     * @return the soma kernels
     * @throws IllegalStateException if not {@link #availability() available}
     */
    SomaKernels somaKernels();

    /**
     * @return the STDP kernels
     * @throws IllegalStateException if not {@link #availability() available}
     */
    StdpKernels stdpKernels();

    /**
     * A compiled data gradient of convolutions, which {@link Backends} installs into
     * {@link ScatterConv} when this provider is selected. The default has none.
     *
     * @return the implementation, or null to keep the Java loops
     */
    default ScatterConv.Accelerator convScatter() {
        return null;
    }

    /**
     * A compiled event-driven convolution (forward and weight gradient), which {@link Backends} installs into
     * {@link SpikeConv} when this provider is selected. The default has none.
     *
     * @return the implementation, or null to keep the Java loops
     */
    default SpikeConv.Accelerator spikeConv() {
        return null;
    }

    /**
     * Compiled whole-array scans (non-zero count, finite-value screen), which {@link Backends} installs into
     * {@link FloatBits} when this provider is selected. The default has none.
     *
     * @return the implementation, or null to keep the Java loops
     */
    default FloatBits.Accelerator floatScans() {
        return null;
    }

    /**
     * Compiled per-channel sums (bias gradients of convolutions), which {@link Backends} installs into
     * {@link ChannelSums} when this provider is selected. The default has none.
     *
     * @return the implementation, or null to keep the Java loops
     */
    default ChannelSums.Accelerator channelSums() {
        return null;
    }

    /**
     * Compiled Bernoulli draws of rate coding (one Poisson-encoder step), which {@link Backends} installs into
     * {@link PoissonDraws} when this provider is selected. The default has none.
     *
     * @return the implementation, or null to keep the Java loop
     */
    default PoissonDraws.Accelerator poissonDraws() {
        return null;
    }

    /**
     * A compiled compression of dense matrices into {@link SparseRows} (the spike inputs of linear layers), which
     * {@link Backends} installs into {@link SparseRows} when this provider is selected. The default has none.
     *
     * @return the implementation, or null to keep the Java loop
     */
    default SparseRows.Accelerator sparseRows() {
        return null;
    }

    /**
     * A compiled event-driven matrix product for spike inputs (forward and weight gradient of a linear layer),
     * which {@link Backends} installs into {@link SpikeMatmul} when this provider is selected. The default has
     * none.
     *
     * @return the implementation, or null to keep the Java loops
     */
    default SpikeMatmul.Accelerator spikeMatmul() {
        return null;
    }
}

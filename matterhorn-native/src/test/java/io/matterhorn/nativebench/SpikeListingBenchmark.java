package io.matterhorn.nativebench;

import io.matterhorn.kernel.Backends;
import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.SomaSpec;
import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.numeric.SparseRows;
import io.matterhorn.snn.surrogate.Rectangular;
import java.nio.FloatBuffer;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * What listing its spikes costs the compiled LIF forward, against the compression it replaces, on example 4's first
 * LIF layer: T=8, N = 32 samples x 64 channels x 17 x 17 (tau_m = 1.1, hard reset, Rectangular(2)), input drawn from
 * N(0.04, 0.4^2) (about 0.4% of the outputs spike, as in the conv benchmark). {@code forward} is the plain forward;
 * {@code forwardListingSpikes} also lists the spikes as one row per sample and step; {@code forwardThenCompress}
 * runs the plain forward and then {@code SparseRows.compress} on the spike array (what a convolution did before the
 * soma listed its spikes).
 *
 * <p>Not thread-safe: JMH drives each instance from its one benchmark thread (run with {@code scripts/jmh.sh}, see
 * docs/benchmarks.md).
 */
public class SpikeListingBenchmark extends KernelBenchmarkSettings {
    static final int T = 8;
    static final int SAMPLE = 64 * 17 * 17;
    static final int N = 32 * SAMPLE;

    private SomaKernels kernels;
    private SomaSpec spec;
    private FloatBuffer x;
    private FloatBuffer spikes;
    private float[] u;
    private float[] hLast;

    /** The input, and the native backend's kernels (fails the runs with the reason when it is not available). */
    @Setup
    public void setUp() {
        kernels = KernelChoice.provider("native").somaKernels();
        // the selection installs the native compression into SparseRows, as in a training run
        if (!"native".equals(Backends.provider().name()) || !SparseRows.accelerated()) {
            throw new IllegalStateException("the native backend is not selected: " + Backends.provider().name());
        }
        spec = new SomaSpec(NeuronKind.LIF, new float[] {1.1f}, new Rectangular(2.0), 1f, 0f, true);
        Random rnd = new Random(1);
        x = DirectFloats.allocate(T * N);
        for (int i = 0; i < T * N; i++) {
            x.put(i, (float) (0.04 + 0.4 * rnd.nextGaussian()));
        }
        spikes = DirectFloats.allocate(T * N);
        u = new float[T * N];
        hLast = new float[N];
    }

    /** The plain forward. */
    @Benchmark
    public float forward() {
        kernels.forward(spec, x, 0, null, T, N, spikes, u, hLast);
        return hLast[0];
    }

    /** The forward that also lists the spikes, [T*32, SAMPLE]. */
    @Benchmark
    public int forwardListingSpikes() {
        SparseRows lists = kernels.forwardListingSpikes(spec, x, 0, null, T, N, spikes, u, hLast, SAMPLE,
                (long) T * N, false);
        return lists.nonZeros();
    }

    /** The plain forward, then the compression of the spike array. */
    @Benchmark
    public int forwardThenCompress() {
        kernels.forward(spec, x, 0, null, T, N, spikes, u, hLast);
        return SparseRows.compress(spikes, 0, T * 32, SAMPLE).nonZeros();
    }
}

package io.matterhorn.nativebench;

import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.SomaSpec;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Sigmoid;
import java.nio.FloatBuffer;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The fused LIF kernel of each backend, forward and backward separately, over x of shape [T=32, N=256*1024]
 * (tau_m = 2, hard reset, threshold 1, rest 0). Inputs, spikes and gradients sit in direct buffers, as the soma
 * node passes them. Bytes moved per element: the forward reads x and writes spikes and u (12), the backward reads
 * x, u and dL/dspikes and writes dL/dx (16); effective GB/s = T * N * bytes / time.
 *
 * <p>{@code backend}: {@code java}, {@code native} (C++, OpenMP), {@code cuda}; a backend that is not available
 * here fails its own runs with the reason and the others go on. {@code surrogate}: {@code sigmoid} (Sigmoid(1)) or
 * {@code rectangular} (Rectangular(2)).
 *
 * <p>Not thread-safe: JMH drives each instance from its one benchmark thread (run with {@code scripts/jmh.sh}, see
 * docs/benchmarks.md).
 */
public class LifKernelBenchmark extends KernelBenchmarkSettings {
    static final int T = 32;
    static final int N = 256 * 1024;

    @Param({"java", "native"})
    String backend;

    @Param({"sigmoid", "rectangular"})
    String surrogate;

    private SomaKernels kernels;
    private SomaSpec spec;
    private FloatBuffer x;
    private FloatBuffer gradSpikes;
    private FloatBuffer spikes;
    private FloatBuffer gradX;
    private float[] u;
    private float[] hLast;
    private float[] gradH0;

    /** Random inputs in [-0.5, 1.5) and output gradients in [-0.5, 0.5); one forward fills u for the backward. */
    @Setup
    public void setUp() {
        kernels = KernelChoice.provider(backend).somaKernels();
        spec = new SomaSpec(NeuronKind.LIF, new float[] {2f},
                surrogate.equals("sigmoid") ? new Sigmoid(1.0) : new Rectangular(2.0), 1f, 0f, true);
        Random rnd = new Random(1);
        int total = T * N;
        x = DirectFloats.allocate(total);
        gradSpikes = DirectFloats.allocate(total);
        for (int i = 0; i < total; i++) {
            x.put(i, -0.5f + 2 * rnd.nextFloat());
            gradSpikes.put(i, rnd.nextFloat() - 0.5f);
        }
        spikes = DirectFloats.allocate(total);
        gradX = DirectFloats.allocate(total);
        u = new float[total];
        hLast = new float[N];
        gradH0 = new float[N];
        forward();
    }

    /** Forward over the whole sequence: spikes, the potentials u before reset and the final state. */
    @Benchmark
    public float forward() {
        kernels.forward(spec, x, 0, null, T, N, spikes, u, hLast);
        return hLast[0];
    }

    /** Backward through time: dL/dx and dL/dh0 from dL/dspikes. */
    @Benchmark
    public float backward() {
        kernels.backward(spec, x, 0, null, u, gradSpikes, 0, null, T, N, gradX, gradH0);
        return gradH0[0];
    }
}

package io.matterhorn.nativebench;

import io.matterhorn.kernel.Backends;
import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.SomaSpec;
import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.numeric.ChannelSums;
import io.matterhorn.numeric.ConvGeometry;
import io.matterhorn.numeric.SparseRows;
import io.matterhorn.numeric.SpikeConv;
import io.matterhorn.snn.surrogate.Rectangular;
import java.nio.FloatBuffer;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Example 4's first convolution and LIF layer (T=8, 32 samples, 2 x 34 x 34 input spikes at density 0.2, 64
 * channels of 17 x 17, tau_m = 2, hard reset, Rectangular(2)) with and without the fused kernels of the CPU library.
 * Forward: {@code convolutionThenSoma} writes the convolution's [256, 64, 17, 17] output and steps the soma over it
 * (listing the spikes); {@code convolutionWithSoma} does both in one pass ({@code forwardAfterConvolution}).
 * Backward: {@code somaBackwardThenGradients} writes the soma's dL/dx and then forms the convolution's weight
 * gradient and bias sums from it; {@code somaBackwardIntoGradients} folds dL/dx into them
 * ({@code backwardIntoConvolution}).
 *
 * <p>Not thread-safe: JMH drives each instance from its one benchmark thread (run with {@code scripts/jmh.sh}, see
 * docs/benchmarks.md).
 */
public class ConvSomaFusionBenchmark extends KernelBenchmarkSettings {
    static final int T = 8;
    static final int B = 32;
    static final int C_OUT = 64;
    static final ConvGeometry GEOMETRY = Example4Layers.geometry(34);
    static final int SAMPLE = C_OUT * GEOMETRY.outPlane();
    static final int N = B * SAMPLE;

    private SomaKernels kernels;
    private SomaSpec spec;
    private SparseRows ones;
    private FloatBuffer w;
    private FloatBuffer bias;
    private FloatBuffer y;
    private FloatBuffer spikes;
    private FloatBuffer gradSpikes;
    private FloatBuffer gradX;
    private float[] u;
    private float[] hLast;
    private float[] dw;
    private double[] db;

    /** The inputs, and the native backend's kernels (fails the runs with the reason when it is not available). */
    @Setup
    public void setUp() {
        kernels = KernelChoice.provider("native").somaKernels();
        if (!"native".equals(Backends.provider().name())) {
            throw new IllegalStateException("the native backend is not selected: " + Backends.provider().name());
        }
        spec = new SomaSpec(NeuronKind.LIF, new float[] {2f}, new Rectangular(2.0), 1f, 0f, true);
        Random rnd = new Random(1);
        int cols = 2 * GEOMETRY.inPlane();
        float[] input = new float[T * B * cols];
        for (int i = 0; i < input.length; i++) {
            input[i] = rnd.nextDouble() < 0.2 ? 1f : 0f;
        }
        ones = SparseRows.compressInJava(FloatBuffer.wrap(input), 0, T * B, cols);
        w = DirectFloats.allocate(C_OUT * 2 * 9);
        for (int i = 0; i < C_OUT * 2 * 9; i++) {
            w.put(i, (rnd.nextFloat() - 0.5f) * 0.8f);
        }
        bias = DirectFloats.allocate(C_OUT);
        for (int i = 0; i < C_OUT; i++) {
            bias.put(i, (rnd.nextFloat() - 0.5f) * 0.1f);
        }
        y = DirectFloats.allocate(T * N);
        spikes = DirectFloats.allocate(T * N);
        gradSpikes = DirectFloats.allocate(T * N);
        for (int i = 0; i < T * N; i++) {
            gradSpikes.put(i, rnd.nextBoolean() ? rnd.nextFloat() - 0.5f : 0f);
        }
        gradX = DirectFloats.allocate(T * N);
        u = new float[T * N];
        hLast = new float[N];
        dw = new float[C_OUT * 2 * 9];
        db = new double[C_OUT];
        convolutionWithSoma();
    }

    /** The convolution's output written, then the listing soma forward over it. */
    @Benchmark
    public int convolutionThenSoma() {
        SpikeConv.forward(ones, w, 0, bias, 0, C_OUT, GEOMETRY, y, 0);
        SparseRows lists = kernels.forwardListingSpikes(spec, y, 0, null, T, N, spikes, u, hLast, SAMPLE,
                (long) T * N, false);
        return lists.nonZeros();
    }

    /** The convolution and the soma in one pass. */
    @Benchmark
    public int convolutionWithSoma() {
        return kernels.forwardAfterConvolution(spec, ones, w, 0, bias, 0, C_OUT, GEOMETRY, T, B, null, spikes, u,
                hLast, (long) T * N).nonZeros();
    }

    /** The soma's dL/dx written, then the convolution's weight gradient and bias sums from it. */
    @Benchmark
    public double somaBackwardThenGradients() {
        kernels.backwardInputs(spec, y, 0, null, u, gradSpikes, 0, null, T, N, gradX, null);
        float[] weights = SpikeConv.weightGradient(ones, gradX, 0, C_OUT, GEOMETRY);
        return weights[0] + ChannelSums.sums(gradX, 0, T * B, C_OUT, GEOMETRY.outPlane())[0];
    }

    /** The soma's backward folded into the convolution's weight gradient and bias sums. */
    @Benchmark
    public double somaBackwardIntoGradients() {
        kernels.backwardIntoConvolution(spec, null, u, gradSpikes, 0, null, T, B, ones, C_OUT, GEOMETRY, null, dw, db);
        return dw[0] + db[0];
    }
}

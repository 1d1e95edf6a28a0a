package io.matterhorn.nativebench;

import io.matterhorn.jni.NativeBridge;
import io.matterhorn.numeric.ConvGeometry;
import io.matterhorn.numeric.Parallel;
import io.matterhorn.numeric.SparseRows;
import java.nio.FloatBuffer;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The compiled event-driven convolution on example 4's shapes at T=8, B=32 (256 samples, 3x3 kernel, stride 2,
 * padding 1, 64 output channels): the forward and the weight gradient from the input's lists of ones
 * ({@code NativeBridge.convSpikeForwardLists}, {@code convSpikeWeightGradientLists}, with as many sample ranges as
 * {@code Parallel.chunks} gives), as a training step calls them. {@code layer}: {@code conv1} (2 x 34 x 34 ->
 * 64 x 17 x 17) or {@code conv2} (64 x 17 x 17 -> 64 x 9 x 9); {@code density}: the share of ones in the random
 * binary input (seed 1). One operation is one call over the 256 samples; the result arrays are reused between calls.
 *
 * <p>Not thread-safe: JMH drives each instance from its one benchmark thread (run with {@code scripts/jmh.sh
 * matterhorn-native SpikeConvKernel}; the kernels use the library's OpenMP threads).
 */
public class SpikeConvKernelBenchmark extends KernelBenchmarkSettings {
    private static final int SAMPLES = 256;
    private static final int C_OUT = 64;
    private static final int KERNEL = 9;

    @Param({"conv1", "conv2"})
    String layer;

    @Param({"0.02", "0.2"})
    double density;

    private int channels;
    private ConvGeometry geometry;
    private SparseRows ones;
    private FloatBuffer w;
    private FloatBuffer bias;
    private FloatBuffer y;
    private FloatBuffer dy;
    private float[] dw;

    /** The native library, the geometry, random binary input as lists, weights and output gradient. */
    @Setup
    public void setUp() {
        KernelChoice.provider("native");
        int side = layer.equals("conv1") ? 34 : 17;
        channels = layer.equals("conv1") ? 2 : 64;
        geometry = Example4Layers.geometry(side);
        Random r = new Random(1);
        int xLen = SAMPLES * channels * geometry.inPlane();
        FloatBuffer x = DirectFloats.allocate(xLen);
        for (int i = 0; i < xLen; i++) {
            x.put(i, r.nextDouble() < density ? 1f : 0f);
        }
        ones = SparseRows.compressInJava(x, 0, SAMPLES, channels * geometry.inPlane());
        w = DirectFloats.allocate(C_OUT * channels * KERNEL);
        for (int i = 0; i < w.capacity(); i++) {
            w.put(i, (float) r.nextGaussian());
        }
        bias = DirectFloats.allocate(C_OUT);
        y = DirectFloats.allocate(SAMPLES * C_OUT * geometry.outPlane());
        dy = DirectFloats.allocate(SAMPLES * C_OUT * geometry.outPlane());
        for (int i = 0; i < dy.capacity(); i++) {
            dy.put(i, (float) r.nextGaussian());
        }
        dw = new float[C_OUT * channels * KERNEL];
    }

    /** @return the output (kept so that the call is not eliminated) */
    @Benchmark
    public FloatBuffer forward() {
        NativeBridge.convSpikeForwardLists(ones.rowStart(), ones.columns(), SAMPLES, channels, w, 0, bias, 0, C_OUT,
                geometry.tapTable(), KERNEL, geometry.inPlane(), geometry.outPlane(), y, 0);
        return y;
    }

    /** @return the weight gradient (kept so that the call is not eliminated) */
    @Benchmark
    public float[] weightGradient() {
        NativeBridge.convSpikeWeightGradientLists(ones.rowStart(), ones.columns(), SAMPLES, channels, dy, 0, C_OUT,
                geometry.tapTable(), KERNEL, geometry.inPlane(), geometry.outPlane(), Parallel.chunks(SAMPLES, 1),
                dw);
        return dw;
    }
}

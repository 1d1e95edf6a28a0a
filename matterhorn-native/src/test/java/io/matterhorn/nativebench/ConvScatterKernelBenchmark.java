package io.matterhorn.nativebench;

import io.matterhorn.jni.NativeBridge;
import io.matterhorn.numeric.ConvGeometry;
import java.nio.FloatBuffer;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The compiled scatter data gradient ({@code NativeBridge.convScatterTranspose}) on example 4's second and third
 * convolutions at T=8, B=32 (256 samples, 64 to 64 channels, 3x3 kernel, stride 2, padding 1): {@code layer}
 * {@code conv2} (data gradient 9 x 9 -> 17 x 17) or {@code conv3} (5 x 5 -> 9 x 9); {@code density}: the share of
 * non-zero output-gradient entries (random, seed 1; 0.55 and 0.39 are what {@code scripts/conv_work_count.py}
 * counts for the two layers at initialisation). One operation is one call over the 256 samples.
 *
 * <p>Not thread-safe: JMH drives each instance from its one benchmark thread (run with {@code scripts/jmh.sh
 * matterhorn-native ConvScatterKernel}; the kernel uses the library's OpenMP threads).
 */
public class ConvScatterKernelBenchmark extends KernelBenchmarkSettings {
    private static final int SAMPLES = 256;
    private static final int CHANNELS = 64;
    private static final int KERNEL = 9;

    @Param({"conv2", "conv3"})
    String layer;

    @Param({"0.5", "1.0"})
    double density;

    private ConvGeometry geometry;
    private FloatBuffer w;
    private FloatBuffer dy;
    private FloatBuffer dx;

    /** The native library, the geometry, random weights and output gradient. */
    @Setup
    public void setUp() {
        KernelChoice.provider("native");
        int side = layer.equals("conv2") ? 17 : 9;
        geometry = Example4Layers.geometry(side);
        Random r = new Random(1);
        w = DirectFloats.allocate(CHANNELS * CHANNELS * KERNEL);
        for (int i = 0; i < w.capacity(); i++) {
            w.put(i, (float) r.nextGaussian());
        }
        dy = DirectFloats.allocate(SAMPLES * CHANNELS * geometry.outPlane());
        for (int i = 0; i < dy.capacity(); i++) {
            dy.put(i, r.nextDouble() < density ? (float) r.nextGaussian() : 0f);
        }
        dx = DirectFloats.allocate(SAMPLES * CHANNELS * geometry.inPlane());
    }

    /** @return the data gradient (kept so that the call is not eliminated) */
    @Benchmark
    public FloatBuffer dataGradient() {
        NativeBridge.convScatterTranspose(dy, 0, SAMPLES, CHANNELS, w, 0, CHANNELS, geometry.tapTable(), KERNEL,
                geometry.inPlane(), geometry.outPlane(), dx, 0);
        return dx;
    }
}

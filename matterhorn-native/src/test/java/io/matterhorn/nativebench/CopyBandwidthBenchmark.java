package io.matterhorn.nativebench;

import io.matterhorn.jni.NativeBridge;
import io.matterhorn.jni.NativeKernelProvider;
import io.matterhorn.kernel.Availability;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Memory-bandwidth probe, the yardstick for the kernels' effective GB/s: a copy of a 256 MiB float array by
 * {@code System.arraycopy} (one thread) and by the native library's OpenMP copy. GB/s = 2 * 256 MiB (read plus
 * write) / time; the faster of the two is the probe. {@code nativeCopy} fails with the reason where the native
 * library is not available.
 *
 * <p>Not thread-safe: JMH drives each instance from its one benchmark thread (run with {@code scripts/jmh.sh}, see
 * docs/benchmarks.md).
 */
@Warmup(iterations = 3, time = 1)
public class CopyBandwidthBenchmark extends KernelBenchmarkSettings {
    /** Floats copied: 64 Mi, 256 MiB. */
    static final int FLOATS = 64 << 20;

    private float[] src;
    private float[] dst;

    /** Two arrays, both touched once so that no page fault falls into the timed copies. */
    @Setup
    public void setUp() {
        src = new float[FLOATS];
        dst = new float[FLOATS];
        Arrays.fill(src, 1f);
        Arrays.fill(dst, 2f);
    }

    /** One-thread Java copy. */
    @Benchmark
    public float arraycopy() {
        System.arraycopy(src, 0, dst, 0, FLOATS);
        return dst[FLOATS - 1];
    }

    /** The native library's parallel copy. */
    @Benchmark
    public float nativeCopy() {
        if (!NativeState.AVAILABILITY.available()) {
            throw new IllegalStateException("native library not available: " + NativeState.AVAILABILITY.reason());
        }
        NativeBridge.copy(src, dst, FLOATS);
        return dst[FLOATS - 1];
    }

    /** Loads the native library once, through the provider that owns it. */
    private static final class NativeState {
        static final Availability AVAILABILITY = new NativeKernelProvider().availability();
    }
}

package io.matterhorn.nativebench;

import io.matterhorn.kernel.StdpKernels;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One STDP weight update of each backend: input spikes [T=32, B=64, in=784] (15% ones) against output spikes
 * [T, B, out=100] (10% ones), A+ = A- = 0.05, tau+ = tau- = 2, no weight bounds. {@code backend}: {@code java},
 * {@code native}, {@code cuda}; a backend that is not available fails its own runs with the reason.
 *
 * <p>Not thread-safe: JMH drives each instance from its one benchmark thread (run with {@code scripts/jmh.sh}, see
 * docs/benchmarks.md).
 */
public class StdpKernelBenchmark extends KernelBenchmarkSettings {
    private static final int STEPS = 32;
    private static final int BATCH = 64;
    private static final int IN = 784;
    private static final int OUT = 100;

    @Param({"java", "native"})
    String backend;

    private StdpKernels kernels;
    private float[] pre;
    private float[] post;

    /** Random spike trains from a fixed seed. */
    @Setup
    public void setUp() {
        kernels = KernelChoice.provider(backend).stdpKernels();
        Random rnd = new Random(2);
        pre = new float[STEPS * BATCH * IN];
        post = new float[STEPS * BATCH * OUT];
        for (int i = 0; i < pre.length; i++) {
            pre[i] = rnd.nextFloat() < 0.15f ? 1f : 0f;
        }
        for (int i = 0; i < post.length; i++) {
            post[i] = rnd.nextFloat() < 0.10f ? 1f : 0f;
        }
    }

    /** @return the weight change [out, in] */
    @Benchmark
    public Object deltaWeight() {
        return kernels.deltaWeight(pre, post, STEPS, BATCH, IN, OUT, 0.05, 2.0, 0.05, 2.0, null, null);
    }
}

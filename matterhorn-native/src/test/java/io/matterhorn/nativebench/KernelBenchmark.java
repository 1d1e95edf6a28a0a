package io.matterhorn.nativebench;

import io.matterhorn.jni.NativeBridge;
import io.matterhorn.kernel.Availability;
import io.matterhorn.kernel.Backends;
import io.matterhorn.kernel.KernelProvider;
import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.SomaSpec;
import io.matterhorn.kernel.StdpKernels;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Sigmoid;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Kernel benchmark: every available backend (java, native, cuda) on
 *
 * <ul>
 *   <li>fused LIF forward + backward over x [T=32, N=256*1024] (tau_m = 2, Sigmoid(1) and Rectangular(2)
 *       surrogates, hard reset; x, spikes, dL/dspikes and dL/dx in direct buffers as the Soma node passes them);
 *       bytes moved per element: forward reads x and writes spikes and u (12), backward reads x, u and dL/do
 *       and writes dL/dx (16);</li>
 *   <li>the STDP update of [T=32, B=64, in=784] x [T, B, out=100] spike trains (15% and 10% ones);</li>
 *   <li>a memory-bandwidth probe: copy of a 256 MiB float array, {@code System.arraycopy} (one thread) and the
 *       native OpenMP copy; GB/s counts the bytes read plus written.</li>
 * </ul>
 *
 * Prints the median of several runs, the speed-up over Java and the kernels' effective GB/s as a share of the
 * probe's. Run: {@code mvn -o -q -B -pl matterhorn-native exec:java} (add {@code -Dexec.args=--quick} for fewer
 * repetitions).
 */
public final class KernelBenchmark {
    private static final int T = 32;
    private static final int N = 256 * 1024;
    private static final int PROBE_FLOATS = 64 << 20;

    private KernelBenchmark() {
    }

    /**
     * @param args {@code --quick}: fewer repetitions
     */
    public static void main(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        int reps = quick ? 3 : 7;
        List<KernelProvider> providers = new ArrayList<>();
        for (KernelProvider p : Backends.discover()) {
            Availability a = p.availability();
            System.out.printf(Locale.ROOT, "backend %-6s %s: %s%n", p.name(), a.available() ? "available" : "skipped",
                    a.reason());
            if (a.available()) {
                providers.add(0, p);   // java first
            }
        }
        double probe = probe(reps);
        System.out.println();
        for (int surrogate : new int[] {2, 0}) {
            double a = surrogate == 2 ? 1.0 : 2.0;
            SomaSpec spec = new SomaSpec(NeuronKind.LIF, new float[] {2f},
                    surrogate == 2 ? new Sigmoid(a) : new Rectangular(a), 1f, 0f, true);
            System.out.printf(Locale.ROOT, "LIF forward+backward, T=%d N=%d, %s:%n", T, N, spec.surrogate());
            double javaMs = 0;
            for (KernelProvider p : providers) {
                settle();
                double[] ms = lif(p.somaKernels(), spec, reps);
                double total = ms[0] + ms[1];
                javaMs = p.name().equals("java") ? total : javaMs;
                double gbs = (double) T * N * 28 / (total * 1e6);
                System.out.printf(Locale.ROOT,
                        "  %-6s fwd %7.2f ms  bwd %7.2f ms  total %7.2f ms  speed-up vs java %5.2fx  %6.2f GB/s"
                                + " (%3.0f%% of probe)%n", p.name(), ms[0], ms[1], total, javaMs / total, gbs,
                        100 * gbs / probe);
            }
        }
        System.out.printf(Locale.ROOT, "%nSTDP update, T=32 B=64 in=784 out=100:%n");
        double javaMs = 0;
        for (KernelProvider p : providers) {
            settle();
            double ms = stdp(p.stdpKernels(), reps);
            javaMs = p.name().equals("java") ? ms : javaMs;
            System.out.printf(Locale.ROOT, "  %-6s %7.2f ms  speed-up vs java %5.2fx%n", p.name(), ms, javaMs / ms);
        }
    }

    /**
     * Lets the previous measurement's background work (JIT compilation of the Java kernels, G1 concurrent cycles
     * after the large allocations) finish, so that it does not take a core from the next backend (2 cores here).
     */
    private static void settle() {
        System.gc();
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the higher of the two copy rates in GB/s (read + write) */
    private static double probe(int reps) {
        float[] src = new float[PROBE_FLOATS];
        float[] dst = new float[PROBE_FLOATS];
        Arrays.fill(src, 1f);
        Arrays.fill(dst, 2f);
        double bytes = 2.0 * 4 * PROBE_FLOATS;
        double[] t = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            System.arraycopy(src, 0, dst, 0, PROBE_FLOATS);
            t[r] = (System.nanoTime() - t0) / 1e6;
        }
        double javaGbs = bytes / (median(t) * 1e6);
        System.out.printf(Locale.ROOT, "%nbandwidth probe: copy of %d MiB: System.arraycopy %.2f ms = %.2f GB/s",
                PROBE_FLOATS * 4 >> 20, median(t), javaGbs);
        double best = javaGbs;
        try {
            new io.matterhorn.jni.NativeKernelProvider().availability();
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                NativeBridge.copy(src, dst, PROBE_FLOATS);
                t[r] = (System.nanoTime() - t0) / 1e6;
            }
            double nativeGbs = bytes / (median(t) * 1e6);
            System.out.printf(Locale.ROOT, "; native parallel copy %.2f ms = %.2f GB/s", median(t), nativeGbs);
            best = Math.max(best, nativeGbs);
        } catch (LinkageError e) {
            System.out.print("; native copy unavailable");
        }
        System.out.printf(Locale.ROOT, "; probe = %.2f GB/s%n", best);
        return best;
    }

    /** @return median {forward ms, backward ms} */
    private static double[] lif(SomaKernels k, SomaSpec spec, int reps) {
        Random rnd = new Random(1);
        int total = T * N;
        FloatBuffer x = direct(total);
        FloatBuffer gradSpikes = direct(total);
        for (int i = 0; i < total; i++) {
            x.put(i, -0.5f + 2 * rnd.nextFloat());
            gradSpikes.put(i, rnd.nextFloat() - 0.5f);
        }
        FloatBuffer spikes = direct(total);
        FloatBuffer gradX = direct(total);
        float[] u = new float[total];
        float[] hLast = new float[N];
        float[] gradH0 = new float[N];
        int warm = 3;   // runs that warm up the JIT and the caches, not counted
        double[] f = new double[reps + warm];
        double[] b = new double[reps + warm];
        for (int r = 0; r < reps + warm; r++) {
            long t0 = System.nanoTime();
            k.forward(spec, x, 0, null, T, N, spikes, u, hLast);
            long t1 = System.nanoTime();
            k.backward(spec, x, 0, null, u, gradSpikes, 0, null, T, N, gradX, gradH0);
            long t2 = System.nanoTime();
            f[r] = (t1 - t0) / 1e6;
            b[r] = (t2 - t1) / 1e6;
        }
        return new double[] {median(Arrays.copyOfRange(f, warm, reps + warm)),
            median(Arrays.copyOfRange(b, warm, reps + warm))};
    }

    /** @return median ms of one STDP update */
    private static double stdp(StdpKernels k, int reps) {
        Random rnd = new Random(2);
        int steps = 32;
        int batch = 64;
        int in = 784;
        int out = 100;
        float[] pre = new float[steps * batch * in];
        float[] post = new float[steps * batch * out];
        for (int i = 0; i < pre.length; i++) {
            pre[i] = rnd.nextFloat() < 0.15f ? 1f : 0f;
        }
        for (int i = 0; i < post.length; i++) {
            post[i] = rnd.nextFloat() < 0.10f ? 1f : 0f;
        }
        double[] t = new double[reps + 2];
        for (int r = 0; r < reps + 2; r++) {
            long t0 = System.nanoTime();
            k.deltaWeight(pre, post, steps, batch, in, out, 0.05, 2.0, 0.05, 2.0, null, null);
            t[r] = (System.nanoTime() - t0) / 1e6;
        }
        return median(Arrays.copyOfRange(t, 2, reps + 2));
    }

    private static FloatBuffer direct(int n) {
        return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}

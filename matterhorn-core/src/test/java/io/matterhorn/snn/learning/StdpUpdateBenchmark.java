package io.matterhorn.snn.learning;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One STDP update on random spike trains, in trace form ({@link Stdp#deltaWeight}, two event-driven products)
 * against the literal double sum over spike times ({@link Stdp#directDoubleSum}). Defaults: T=32, B=64, in=784,
 * out=100, 10% of the entries spiking, the default window (A+ = A- = 0.05, tau+ = tau- = 2). The set-up checks that
 * the two forms agree to 1e-12 before anything is timed.
 *
 * <p>Not thread-safe: JMH drives each instance from its one benchmark thread (run with {@code scripts/jmh.sh}, see
 * docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class StdpUpdateBenchmark {
    @Param({"32"})
    int steps;

    @Param({"64"})
    int batch;

    @Param({"784"})
    int nIn;

    @Param({"100"})
    int nOut;

    @Param({"0.1"})
    double density;

    private final StdpWindow window = StdpWindow.DEFAULT;
    private float[] in;
    private float[] out;

    /** Random trains from seed 0; fails if the two forms disagree. */
    @Setup
    public void setUp() {
        Random r = new Random(0);
        in = spikes(r, steps * batch * nIn);
        out = spikes(r, steps * batch * nOut);
        double[] trace = traceForm();
        double[] direct = directDoubleSum();
        for (int k = 0; k < trace.length; k++) {
            if (Math.abs(trace[k] - direct[k]) > 1e-12) {
                throw new IllegalStateException("trace form and double sum differ at " + k + ": " + trace[k]
                        + " against " + direct[k]);
            }
        }
    }

    /** @return dW [out, in] */
    @Benchmark
    public double[] traceForm() {
        return Stdp.deltaWeight(window, in, out, steps, batch, nIn, nOut);
    }

    /** @return dW [out, in] */
    @Benchmark
    public double[] directDoubleSum() {
        return Stdp.directDoubleSum(window, in, out, steps, batch, nIn, nOut);
    }

    private float[] spikes(Random r, int n) {
        float[] s = new float[n];
        for (int k = 0; k < n; k++) {
            s[k] = r.nextDouble() < density ? 1f : 0f;
        }
        return s;
    }
}

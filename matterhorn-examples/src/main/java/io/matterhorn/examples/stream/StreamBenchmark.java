package io.matterhorn.examples.stream;

import io.matterhorn.examples.cli.ExampleCommand;
import io.matterhorn.runtime.StreamState;
import io.matterhorn.runtime.StreamingNetwork;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import picocli.CommandLine.Option;

/**
 * Times the streaming runtime: for each network, one stream stepped {@code --steps} times after
 * {@code --warmup} steps, each step timed on its own (p50, p99 and max microseconds) with the bytes the thread
 * allocated per step, through {@code step} (dense input) and {@code stepSpikes} (indices of the ones); then
 * {@code --streams} streams stepped together by {@code stepAll} on all cores (stream-steps per second). Input:
 * 256 random binary frames at the references' density, drawn before timing, used in turn.
 *
 * <p>Output lines (parsed by {@code scripts/bench-stream.sh}):
 * <pre>
 *   stream NET path step|spikes p50_us X p99_us Y max_us Z bytes_per_step B
 *   stream NET streams N threads K steps_per_s S
 * </pre>
 */
public final class StreamBenchmark {
    private StreamBenchmark() {
    }

    /** The {@code stream-bench} command. */
    @picocli.CommandLine.Command(name = "stream-bench", description = "Per-step latency (p50, p99, max), bytes "
            + "allocated per step and many-stream throughput of the streaming runtime.")
    public static final class Command extends ExampleCommand {
        @Option(names = "--networks", split = ",", paramLabel = "NAME",
                description = "Networks to time: mlp, conv, example4 (default: all).")
        private String[] networks = {"mlp", "conv", "example4"};

        @Option(names = "--steps", description = "Timed steps per path (default 20000).")
        private int steps = 20_000;

        @Option(names = "--warmup", description = "Steps before timing (default 20000: the JIT compiles the loops).")
        private int warmup = 20_000;

        @Option(names = "--streams", description = "Streams of the throughput run (default 1000; 0 skips it).")
        private int streams = 1000;

        @Option(names = "--stream-steps", description = "Steps of the throughput run (default 100).")
        private int streamSteps = 100;

        @Option(names = "--seed", description = "Seed of the weights and the input (default 0).")
        private long seed;

        @Override
        protected int run() throws Exception {
            if (steps < 100 || warmup < 0 || streams < 0 || streamSteps < 1) {
                throw new IllegalArgumentException("--steps must be at least 100, --warmup and --streams not negative, "
                        + "--stream-steps positive");
            }
            for (String name : networks) {
                StreamNetworks n;
                try {
                    n = StreamNetworks.valueOf(name.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown network '" + name + "'; expected mlp, conv, example4");
                }
                StreamBenchmark.run(out(), n, steps, warmup, streams, streamSteps, seed);
            }
            return OK;
        }
    }

    static void run(PrintStream out, StreamNetworks which, int steps, int warmup, int streams, int streamSteps,
            long seed) throws Exception {
        StreamingNetwork net = which.compile(seed);
        String name = which.name().toLowerCase(Locale.ROOT);
        int in = net.inputSize();
        Random r = new Random(seed + 1);
        float[][] dense = new float[256][in];
        int[][] active = new int[256][in];
        int[] counts = new int[256];
        for (int k = 0; k < 256; k++) {
            for (int j = 0; j < in; j++) {
                if (r.nextDouble() < which.density()) {
                    dense[k][j] = 1f;
                    active[k][counts[k]++] = j;
                }
            }
        }
        float[] output = new float[net.outputSize()];
        for (boolean spikes : new boolean[] {false, true}) {
            StreamState s = net.newState();
            long[] times = new long[steps];
            for (int t = 0; t < warmup; t++) {
                step(net, spikes, dense, active, counts, t, s, output);
            }
            com.sun.management.ThreadMXBean bean =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long id = Thread.currentThread().getId();
            long bytes0 = bean.getThreadAllocatedBytes(id);
            for (int t = 0; t < steps; t++) {
                long t0 = System.nanoTime();
                step(net, spikes, dense, active, counts, t, s, output);
                times[t] = System.nanoTime() - t0;
            }
            long bytes = bean.getThreadAllocatedBytes(id) - bytes0;
            Arrays.sort(times);
            out.printf(Locale.ROOT, "stream %s path %s p50_us %.2f p99_us %.2f max_us %.2f bytes_per_step %.2f%n",
                    name, spikes ? "spikes" : "step", times[steps / 2] / 1e3, times[(int) (steps * 0.99)] / 1e3,
                    times[steps - 1] / 1e3, (double) bytes / steps);
        }
        if (streams > 0) {
            StreamState[] states = new StreamState[streams];
            float[][] inputs = new float[streams][];
            float[][] outputs = new float[streams][net.outputSize()];
            for (int i = 0; i < streams; i++) {
                states[i] = net.newState();
                inputs[i] = dense[i & 255];
            }
            for (int t = 0; t < Math.max(3, streamSteps / 5); t++) {
                net.stepAll(inputs, states, outputs);
            }
            long t0 = System.nanoTime();
            for (int t = 0; t < streamSteps; t++) {
                for (int i = 0; i < streams; i++) {
                    inputs[i] = dense[(i + t) & 255];
                }
                net.stepAll(inputs, states, outputs);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "stream %s streams %d threads %d steps_per_s %.0f%n", name, streams,
                    Runtime.getRuntime().availableProcessors(), streams * (double) streamSteps / seconds);
        }
    }

    private static void step(StreamingNetwork net, boolean spikes, float[][] dense, int[][] active, int[] counts,
            int t, StreamState s, float[] output) {
        int k = t & 255;
        if (spikes) {
            net.stepSpikes(active[k], counts[k], s, output);
        } else {
            net.step(dense[k], s, output);
        }
    }
}

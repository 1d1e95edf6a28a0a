package io.matterhorn.examples.stream;

import io.matterhorn.examples.cli.ExampleCommand;
import io.matterhorn.format.ModelFormatException;
import io.matterhorn.runtime.StreamState;
import io.matterhorn.runtime.StreamingNetwork;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import picocli.CommandLine.Option;

/**
 * The streaming runtime under load: {@code --streams} streams stepped together by {@code stepAll} on all cores for
 * {@code --seconds}, while a few sampled streams are replayed on this thread alone with the same inputs and compared
 * step by step (any difference is cross-talk between streams); the heap in use (after a collection) is sampled
 * every ten seconds and the bytes allocated by all threads are counted; at the end the sampled streams' state bytes
 * are bit-flipped and truncated and must be refused. Prints one summary line and exits 1 on any failure.
 */
public final class StreamSoak {
    private StreamSoak() {
    }

    /** The {@code stream-soak} command. */
    @picocli.CommandLine.Command(name = "stream-soak", description = "Many streams on all cores for a while: "
            + "cross-talk against single-threaded replays, heap, allocation, corrupt state bytes.")
    public static final class Command extends ExampleCommand {
        @Option(names = "--streams", description = "Streams stepped together (default 1000).")
        private int streams = 1000;

        @Option(names = "--seconds", description = "Duration (default 600).")
        private int seconds = 600;

        @Option(names = "--network", description = "mlp, conv or example4 (default mlp).")
        private String network = "mlp";

        @Option(names = "--seed", description = "Seed of the weights and the input (default 0).")
        private long seed;

        @Override
        protected int run() throws Exception {
            if (streams < 8 || seconds < 1) {
                throw new IllegalArgumentException("--streams must be at least 8 and --seconds positive");
            }
            StreamNetworks n = StreamNetworks.valueOf(network.toUpperCase(Locale.ROOT));
            return StreamSoak.run(out(), n.compile(seed), n.density(), streams, seconds, seed) ? OK : FAILED;
        }
    }

    /**
     * @return whether every check passed
     */
    static boolean run(PrintStream out, StreamingNetwork net, double density, int streams, int seconds, long seed)
            throws Exception {
        int in = net.inputSize();
        Random r = new Random(seed + 2);
        float[][] frames = new float[256][in];
        for (float[] f : frames) {
            for (int j = 0; j < in; j++) {
                f[j] = r.nextDouble() < density ? 1f : 0f;
            }
        }
        StreamState[] states = new StreamState[streams];
        float[][] inputs = new float[streams][];
        float[][] outputs = new float[streams][net.outputSize()];
        for (int i = 0; i < streams; i++) {
            states[i] = net.newState(i);
        }
        int[] sampled = {0, 1, streams / 3, streams / 2, streams - 1};
        StreamState[] replay = new StreamState[sampled.length];
        for (int k = 0; k < sampled.length; k++) {
            replay[k] = net.newState(sampled[k]);
        }
        float[] replayOut = new float[net.outputSize()];
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long mismatches = 0;
        long steps = 0;
        long heapMin = Long.MAX_VALUE;
        long heapMax = 0;
        long allocated = -1;
        long allocStart = 0;
        long allocSteps = 0;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long nextSample = start;
        while (System.nanoTime() < end) {
            for (int i = 0; i < streams; i++) {
                inputs[i] = frames[(int) ((i * 7L + steps) & 255)];
            }
            net.stepAll(inputs, states, outputs);
            for (int k = 0; k < sampled.length; k++) {
                int i = sampled[k];
                net.step(inputs[i], replay[k], replayOut);
                if (!Arrays.equals(replayOut, outputs[i])) {
                    mismatches++;
                }
            }
            steps++;
            long now = System.nanoTime();
            if (now >= nextSample) {
                long total = allThreadsAllocated(threads);
                if (allocated < 0 && steps > 50) {
                    allocStart = total;
                    allocSteps = steps;
                    allocated = 0;
                } else if (allocated >= 0) {
                    allocated = total - allocStart;
                }
                System.gc();
                long used = memory.getHeapMemoryUsage().getUsed();
                heapMin = Math.min(heapMin, used);
                heapMax = Math.max(heapMax, used);
                nextSample = System.nanoTime() + 10_000_000_000L;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long measuredSteps = steps - allocSteps;
        int refused = 0;
        int tried = 0;
        for (StreamState s : replay) {
            byte[] b = s.toBytes();
            for (int bit = 0; bit < b.length * 8; bit += 37) {
                byte[] flipped = b.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                tried++;
                refused += refuses(net, flipped) ? 1 : 0;
            }
            tried++;
            refused += refuses(net, Arrays.copyOf(b, b.length - 5)) ? 1 : 0;
        }
        double perStep = measuredSteps > 0 && allocated > 0 ? (double) allocated / (measuredSteps * streams) : 0;
        out.printf(Locale.ROOT, "stream-soak: %d streams x %d steps in %.0f s (%.0f stream-steps/s on %d cores); "
                + "cross-talk mismatches %d (%d sampled streams replayed alone); heap in use after GC %.1f-%.1f MB; "
                + "allocated %.3f bytes per stream-step (all threads, includes the JVM's own); corrupt state bytes "
                + "refused %d/%d%n", streams, steps, elapsed, streams * steps / elapsed,
                Runtime.getRuntime().availableProcessors(), mismatches, sampled.length, heapMin / 1e6, heapMax / 1e6,
                perStep, refused, tried);
        return mismatches == 0 && refused == tried;
    }

    private static boolean refuses(StreamingNetwork net, byte[] bytes) {
        try {
            net.restoreState(bytes);
            return false;
        } catch (ModelFormatException e) {
            return true;
        }
    }

    private static long allThreadsAllocated(com.sun.management.ThreadMXBean threads) {
        long sum = 0;
        for (long a : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, a);
        }
        return sum;
    }
}

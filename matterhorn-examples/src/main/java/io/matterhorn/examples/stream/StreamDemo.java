package io.matterhorn.examples.stream;

import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.neuromorphic.SimulatedNMNIST;
import io.matterhorn.examples.cli.ExampleCommand;
import io.matterhorn.plot.AccuracyOverTime;
import io.matterhorn.runtime.EventBinner;
import io.matterhorn.runtime.StreamState;
import io.matterhorn.runtime.StreamingNetwork;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Example 4's trained network run as a real-time application would run it: simulated N-MNIST test recordings
 * ({@link SimulatedNMNIST}) played as live camera-event streams, binned into steps by an {@link EventBinner} as the
 * events arrive, each step run by the {@link StreamingNetwork} at once, and the running decision (the arg max of the
 * decoder's value through the linear head) read after every step. Prints, per recording, the decision, the
 * time-to-decision (the elapsed recording time at the first step from which the decision no longer changes) and
 * the step latency; at the end the accuracy of the decision against the time since the recording started, as a
 * table and (with {@code --plot}) as a PNG.
 *
 * <p>The window of a step is the recordings' mean duration divided by the model's T (training stretches each
 * recording over T bins; a live stream cannot know its duration in advance, so the window is fixed).
 */
public final class StreamDemo {
    private StreamDemo() {
    }

    /** The {@code stream-demo} command. */
    @picocli.CommandLine.Command(name = "stream-demo", description = "Play simulated N-MNIST recordings as live "
            + "event streams through example 4's trained network (a model file from `nmnist --simulated --save "
            + "FILE`): decision, time-to-decision and step latency per recording, accuracy against time.")
    public static final class Command extends ExampleCommand {
        @Option(names = "--model", paramLabel = "FILE", required = true,
                description = "Model file of example 4 (`nmnist --simulated --save FILE`).")
        private Path model;

        @Option(names = "--data", paramLabel = "DIR", description = "Data folder of the simulated N-MNIST cache "
                + "(default data).")
        private Path data = Path.of("data");

        @Option(names = "--recordings", description = "Test recordings to play (default 200).")
        private int recordings = 200;

        @Option(names = "--time-steps", description = "Steps per mean recording (default: the model's "
                + "user.time_steps, else 8).")
        private Integer timeSteps;

        @Option(names = "--plot", paramLabel = "DIR", description = "Write accuracy-over-time.png into DIR.")
        private Path plot;

        @Override
        protected int run() throws Exception {
            if (recordings < 1) {
                throw new IllegalArgumentException("--recordings must be positive, got " + recordings);
            }
            if (!Files.isRegularFile(model)) {
                throw new IllegalArgumentException("--model " + model + " is not a file; train one with "
                        + "`nmnist --simulated --save " + model + "`");
            }
            Map<String, String> meta = io.matterhorn.format.SafeTensorsFile.readMetadata(model);
            int t = timeSteps != null ? timeSteps : Integer.parseInt(meta.getOrDefault("user.time_steps", "8"));
            if (t < 1) {
                throw new IllegalArgumentException("--time-steps must be positive, got " + t);
            }
            StreamingNetwork net = StreamingNetwork.load(model, 2, 34, 34);
            StreamDemo.play(out(), err(), net, data, recordings, t, plot);
            return OK;
        }
    }

    static void play(PrintStream out, PrintStream err, StreamingNetwork net, Path data, int count, int steps,
            Path plotDir) throws Exception {
        err.println("opening the simulated N-MNIST test split (simulated and cached on first use) ...");
        try (SimulatedNMNIST test = SimulatedNMNIST.builder(data).train(false).build()) {
            int n = Math.min(count, test.size());
            PolarityEvents[] events = new PolarityEvents[n];
            long spanSum = 0;
            for (int i = 0; i < n; i++) {
                events[i] = sortedByTime(test.simulate(i));
                spanSum += span(events[i]);
            }
            long window = Math.max(1, Math.round(spanSum / (double) n / steps));
            out.printf(Locale.ROOT, "stream-demo: %s; %d recordings, step window %d us (mean duration / %d)%n", net,
                    n, window, steps);
            out.printf("%9s | %5s | %8s | %7s | %18s | %13s%n", "recording", "label", "decision", "correct",
                    "time-to-decision", "step p50 (us)");
            int maxSteps = 4 * steps;
            int[][] decisionAt = new int[n][maxSteps];
            int[] stepsOf = new int[n];
            int[] label = new int[n];
            long[] latencies = new long[n * maxSteps];
            int latencyCount = 0;
            int correct = 0;
            double[] ttd = new double[n];
            int[] active = new int[net.inputSize()];
            float[] scores = new float[net.decodedSize()];
            EventBinner binner = null;
            for (int i = 0; i < n; i++) {
                label[i] = test.label(i);
                binner = new EventBinner(34, 34, 2, window, 8192, EventBinner.Overflow.BLOCK);
                StreamState s = net.newState();
                PolarityEvents e = events[i];
                long[] own = new long[maxSteps];
                int k = 0;
                long end = e.size() == 0 ? 0 : e.time(e.size() - 1);
                for (int j = 0; j <= e.size() && k < maxSteps; j++) {
                    if (j < e.size()) {
                        binner.offer(e.x(j), e.y(j), e.polarity(j), e.time(j));
                    } else {
                        binner.advanceTo(end + window); // the recording is over: close its last window
                    }
                    for (int c = binner.poll(active); c != EventBinner.NOT_READY && k < maxSteps;
                            c = binner.poll(active)) {
                        long t0 = System.nanoTime();
                        net.stepSpikes(active, c, s, null);
                        own[k] = System.nanoTime() - t0;
                        decisionAt[i][k] = argMax(net.decoded(s, scores));
                        k++;
                    }
                }
                stepsOf[i] = k;
                System.arraycopy(own, 0, latencies, latencyCount, k);
                latencyCount += k;
                int decision = k == 0 ? -1 : decisionAt[i][k - 1];
                int fixedFrom = k - 1;
                while (fixedFrom > 0 && decisionAt[i][fixedFrom - 1] == decision) {
                    fixedFrom--;
                }
                ttd[i] = (fixedFrom + 1) * window / 1000.0;
                correct += decision == label[i] ? 1 : 0;
                long[] sorted = Arrays.copyOf(own, k);
                Arrays.sort(sorted);
                out.printf(Locale.ROOT, "%9d | %5d | %8d | %7s | %15.1f ms | %13.2f%n", i, label[i], decision,
                        decision == label[i] ? "yes" : "no", ttd[i], k == 0 ? 0.0 : sorted[k / 2] / 1e3);
            }
            long[] all = Arrays.copyOf(latencies, latencyCount);
            Arrays.sort(all);
            double[] sortedTtd = ttd.clone();
            Arrays.sort(sortedTtd);
            out.printf(Locale.ROOT, "accuracy %.2f%% (%d/%d); median time-to-decision %.1f ms; step latency p50 %.2f "
                    + "us, p99 %.2f us over %d steps; events dropped %d%n", 100.0 * correct / n, correct, n,
                    sortedTtd[n / 2], all[all.length / 2] / 1e3, all[(int) (all.length * 0.99)] / 1e3, all.length,
                    binner == null ? 0 : binner.dropped());
            int horizon = 0;
            for (int v : stepsOf) {
                horizon = Math.max(horizon, v);
            }
            double[] ms = new double[horizon];
            double[] acc = new double[horizon];
            out.println("accuracy of the running decision against the time since the recording started:");
            for (int k = 0; k < horizon; k++) {
                int ok = 0;
                for (int i = 0; i < n; i++) {
                    int kk = Math.min(k, stepsOf[i] - 1);
                    ok += kk >= 0 && decisionAt[i][kk] == label[i] ? 1 : 0;
                }
                ms[k] = (k + 1) * window / 1000.0;
                acc[k] = 100.0 * ok / n;
                out.printf(Locale.ROOT, "  after %7.1f ms: %6.2f%%%n", ms[k], acc[k]);
            }
            if (plotDir != null) {
                Files.createDirectories(plotDir);
                Path f = AccuracyOverTime.write(ms, acc, "time since the recording started (ms)",
                        plotDir.resolve("accuracy-over-time.png"), "Example 4 streamed: accuracy of the running "
                                + "decision");
                out.println("wrote " + f);
            }
        }
    }

    private static PolarityEvents sortedByTime(PolarityEvents e) {
        int n = e.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(e.time(a), e.time(b)));
        long[] t = new long[n];
        int[] x = new int[n];
        int[] y = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = e.time(order[i]);
            x[i] = e.x(order[i]);
            y[i] = e.y(order[i]);
            p[i] = e.polarity(order[i]);
        }
        return PolarityEvents.of(t, x, y, p);
    }

    private static long span(PolarityEvents e) {
        return e.size() == 0 ? 0 : e.time(e.size() - 1) - e.time(0) + 1;
    }

    private static int argMax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}

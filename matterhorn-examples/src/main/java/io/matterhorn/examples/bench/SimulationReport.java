package io.matterhorn.examples.bench;

import io.matterhorn.data.events.NmnistBinReader;
import io.matterhorn.data.neuromorphic.SimulatedNMNIST;
import io.matterhorn.data.simulation.RecordingFigures;
import io.matterhorn.numeric.Parallel;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Report on the simulated N-MNIST ({@link SimulatedNMNIST} with the default simulator):
 * <ol>
 *   <li>generation time of the whole set (8,000 training and 2,000 test recordings from the bundled MNIST sample)
 *       into an empty cache folder, then the time to open the cached set again;</li>
 *   <li>the mean figures of the first {@code --samples} test recordings (events, ON/OFF ratio, duration, density
 *       of the binary frames at T = 8 and T = 128), and, with {@code --real FILE}, the same figures of a real
 *       N-MNIST {@code .bin} recording and the ratios simulated / real.</li>
 * </ol>
 * Prints the process's CPU time and the machine's load average with the times, since the generation is CPU-bound
 * and the wall time depends on how much of the machine the run gets.
 */
public final class SimulationReport {

    private SimulationReport() {
    }

    /** The {@code sim-report} command. */
    @picocli.CommandLine.Command(name = "sim-report", description = "Simulated N-MNIST: time to simulate the whole "
            + "set (8,000 + 2,000 recordings) into an empty cache, and mean figures against a real .bin recording.")
    public static final class Command extends io.matterhorn.examples.cli.ExampleCommand {
        @picocli.CommandLine.Option(names = "--real", description = "A real N-MNIST .bin recording to compare with.")
        private Path real;

        @picocli.CommandLine.Option(names = "--samples", description = "Test recordings whose mean figures are "
                + "printed.")
        private int samples = 2000;

        @picocli.CommandLine.Option(names = "--dir", description = "Data folder (default: a temporary folder).")
        private Path dir;

        @Override
        protected int run() throws IOException {
            SimulationReport.run(real, samples, dir);
            return OK;
        }
    }

    /**
     * Simulates the whole set into an empty cache and prints the times and the mean figures.
     *
     * @param real      a real N-MNIST .bin recording to compare with, or null
     * @param samples   test recordings whose mean figures are printed
     * @param dirOption data folder (must hold no cache yet), or null for a temporary one
     * @throws IOException when the files cannot be written or read
     */
    public static void run(Path real, int samples, Path dirOption) throws IOException {
        Path root = dirOption == null ? Files.createTempDirectory("matterhorn-sim-report") : dirOption;
        PrintStream out = System.out;
        try {
            out.printf("simulated N-MNIST report: %d threads, %d processors, load average %.2f%n",
                    Parallel.threads(), Runtime.getRuntime().availableProcessors(), load());
            long start = System.nanoTime();
            double cpuStart = cpuSeconds();
            try (SimulatedNMNIST train = SimulatedNMNIST.builder(root).train(true).timeSteps(8).build();
                 SimulatedNMNIST test = SimulatedNMNIST.builder(root).train(false).timeSteps(8).build()) {
                double generated = seconds(start);
                double cpu = cpuSeconds() - cpuStart;
                int total = train.size() + test.size();
                out.printf("generate %d recordings (%d train + %d test): %.1f s wall, %.1f s CPU (%.2f ms CPU per "
                        + "recording), %.0f recordings/s, load average %.2f%n", total, train.size(), test.size(),
                        generated, cpu, 1e3 * cpu / total, total / generated, load());
                out.printf("cache files: %s (%.1f MB), %s (%.1f MB)%n", train.cacheFile().getFileName(),
                        Files.size(train.cacheFile()) / 1e6, test.cacheFile().getFileName(),
                        Files.size(test.cacheFile()) / 1e6);
            }
            start = System.nanoTime();
            try (SimulatedNMNIST train = SimulatedNMNIST.builder(root).train(true).timeSteps(8).build();
                 SimulatedNMNIST test = SimulatedNMNIST.builder(root).train(false).timeSteps(8).build()) {
                out.printf("open the cached set again: %.2f s%n", seconds(start));
                int n = Math.min(samples, test.size());
                List<RecordingFigures> figures = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    figures.add(RecordingFigures.of(test.events(i), 34));
                }
                RecordingFigures sim = RecordingFigures.mean(figures);
                RecordingFigures ref = real == null ? null
                        : RecordingFigures.of(NmnistBinReader.DECODER.read(real), 34);
                out.printf("%nmean of %d simulated test recordings%s%n", n, ref == null ? ""
                        : " against the real recording " + real);
                out.printf("%-16s %14s %14s %8s%n", "figure", "simulated", "real", "ratio");
                row(out, "events", sim.events(), ref == null ? Double.NaN : ref.events());
                row(out, "ON events", sim.onEvents(), ref == null ? Double.NaN : ref.onEvents());
                row(out, "ON/OFF ratio", sim.onOffRatio(), ref == null ? Double.NaN : ref.onOffRatio());
                row(out, "duration (us)", sim.durationMicros(), ref == null ? Double.NaN : ref.durationMicros());
                row(out, "density T=8", sim.density8(), ref == null ? Double.NaN : ref.density8());
                row(out, "density T=128", sim.density128(), ref == null ? Double.NaN : ref.density128());
            }
        } finally {
            if (dirOption == null) {
                deleteTree(root);
            }
        }
    }

    private static void row(PrintStream out, String name, double sim, double real) {
        out.printf("%-16s %14.5g %14.5g %8.3f%n", name, sim, real, sim / real);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** CPU time of this process (all threads), or NaN where the JVM does not report it. */
    private static double cpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? Double.NaN : nanos / 1e9;
        }
        return Double.NaN;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

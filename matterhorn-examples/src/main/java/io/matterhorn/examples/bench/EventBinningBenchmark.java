package io.matterhorn.examples.bench;

import io.matterhorn.data.loader.Batch;
import io.matterhorn.data.loader.BatchLoader;
import io.matterhorn.data.loader.EpochStream;
import io.matterhorn.data.neuromorphic.NMNIST;
import io.matterhorn.examples.events.SyntheticNmnist;
import io.matterhorn.numeric.Parallel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Speed of reading and binning event data: writes {@code --samples} synthetic N-MNIST recordings (real
 * {@code .bin} format, about {@code --events} events each) to a temporary folder, then measures
 * <ol>
 *   <li><b>cold</b>: open {@link NMNIST} with no cache (read every {@code .bin} file, sort, write the event cache)
 *       and bin every sample into {@code [T, B, 2, 34, 34]} batches through the prefetching
 *       {@link BatchLoader} (time-major);</li>
 *   <li><b>cached</b>: open it again (the cache exists) and bin every sample the same way.</li>
 * </ol>
 * Prints samples per second for both; the last two lines are {@code cold_samples_per_s <n>} and
 * {@code cached_samples_per_s <n>}.
 */
public final class EventBinningBenchmark {

    private EventBinningBenchmark() {
    }

    /** The {@code events-bench} command. */
    @picocli.CommandLine.Command(name = "events-bench", description = "Read and bin synthetic N-MNIST recordings "
            + "(real .bin format), without the event cache (cold) and with it; samples/s.")
    public static final class Command extends io.matterhorn.examples.cli.ExampleCommand {
        @picocli.CommandLine.Option(names = "--samples", description = "Synthetic recordings.")
        private int samples = 10_000;

        @picocli.CommandLine.Option(names = "--events", description = "Events per recording.")
        private int events = 4_000;

        @picocli.CommandLine.Option(names = "--time-steps", description = "Time bins T.")
        private int timeSteps = 32;

        @picocli.CommandLine.Option(names = "--batch", description = "Batch size.")
        private int batch = 64;

        @picocli.CommandLine.Option(names = "--seed", description = "Seed of the recordings.")
        private long seed = 0;

        @picocli.CommandLine.Option(names = "--dir",
                description = "Folder for the recordings and the cache (default: a temporary folder).")
        private Path dir;

        @Override
        protected int run() throws IOException {
            EventBinningBenchmark.run(samples, events, timeSteps, batch, seed, dir);
            return OK;
        }
    }

    /**
     * Runs the benchmark and prints the rates.
     *
     * @param samples   synthetic recordings
     * @param events    events per recording
     * @param timeSteps time bins T
     * @param batch     batch size
     * @param seed      seed of the recordings
     * @param dirOption folder for the recordings and the cache, or null for a temporary one
     * @throws IOException when the files cannot be written or read
     */
    public static void run(int samples, int events, int timeSteps, int batch, long seed, Path dirOption)
            throws IOException {
        Path root = dirOption == null ? Files.createTempDirectory("matterhorn-events-bench") : dirOption;
        try {
            long start = System.nanoTime();
            System.err.printf("writing %,d synthetic N-MNIST recordings into %s ...%n", samples, root);
            long bytes = SyntheticNmnist.write(root, true, samples, events, seed);
            System.out.printf("benchmark: read + bin N-MNIST, %d synthetic samples (%.1f MB of .bin files, "
                    + "written in %.1f s), T=%d, batch %d, %d threads%n", samples, bytes / 1e6,
                    seconds(start), timeSteps, batch, Parallel.threads());
            double cold = run(root, timeSteps, batch, "cold (read .bin files, write cache, bin)");
            double cached = run(root, timeSteps, batch, "cached (read cache, bin)");
            System.out.printf("cold_samples_per_s %.0f%n", cold);
            System.out.printf("cached_samples_per_s %.0f%n", cached);
        } finally {
            if (dirOption == null) {
                deleteTree(root);
            }
        }
    }

    /** Opens the data set and bins every sample once; returns samples per second. */
    private static double run(Path root, int timeSteps, int batch, String label) throws IOException {
        long start = System.nanoTime();
        long seen = 0;
        double checksum = 0;
        try (NMNIST data = NMNIST.builder(root).timeSteps(timeSteps).build()) {
            double opened = seconds(start);
            BatchLoader loader = BatchLoader.builder(data).batchSize(batch).timeMajor(true).prefetch(2).build();
            try (EpochStream epoch = loader.epoch(0)) {
                for (Batch b : epoch) {
                    seen += b.size();
                    checksum += b.features().getFloat(0L);
                }
            }
            double total = seconds(start);
            double rate = seen / total;
            System.out.printf("%-42s %6d samples in %6.2f s (open %.2f s): %8.0f samples/s%n", label, seen, total,
                    opened, rate);
            if (checksum < 0) {
                System.out.println(checksum); // keeps the loop from being optimised away
            }
            return rate;
        }
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

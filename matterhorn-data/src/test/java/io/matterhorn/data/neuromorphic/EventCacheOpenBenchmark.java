package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.events.PolarityEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of validating an event cache on open (one full read with CRC-32, order and bounds checks) against
 * reading every sample back, on a synthetic N-MNIST-sized cache ({@code samples} recordings of {@code events}
 * random events on a 34 x 34 sensor, 10 classes) written once per run into a temporary folder.
 *
 * <ul>
 *   <li>{@code openWithValidation}: {@code EventCache.openIfValid} and close;</li>
 *   <li>{@code readEverySample}: every sample's events from a cache opened in the set-up.</li>
 * </ul>
 *
 * <p>Not thread-safe: JMH drives each instance from its one benchmark thread (run with {@code scripts/jmh.sh}, see
 * docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class EventCacheOpenBenchmark {
    private static final CacheBounds BOUNDS = new CacheBounds(10, 34, 34, 65536);

    @Param({"10000"})
    int samples;

    @Param({"4000"})
    int events;

    private Path dir;
    private Path file;
    private EventCache open;

    /**
     * Writes the cache and opens it once for {@link #readEverySample}.
     *
     * @throws IOException if the temporary cache cannot be written or read
     */
    @Setup(Level.Trial)
    public void writeCache() throws IOException {
        dir = Files.createTempDirectory("mhev-bench");
        file = dir.resolve("bench.mhev");
        SplittableRandom r = new SplittableRandom(1);
        try (EventCacheWriter w = new EventCacheWriter(file, "bench", EventCache.KIND_POLARITY)) {
            long[] t = new long[events];
            int[] x = new int[events];
            int[] y = new int[events];
            int[] p = new int[events];
            for (int s = 0; s < samples; s++) {
                long now = 0;
                for (int k = 0; k < events; k++) {
                    now += r.nextInt(100);
                    t[k] = now;
                    x[k] = r.nextInt(34);
                    y[k] = r.nextInt(34);
                    p[k] = r.nextInt(2);
                }
                w.add(s % 10, PolarityEvents.of(t, x, y, p));
            }
            w.commit();
        }
        System.out.printf("cache: %d samples x %d events = %.1f MB%n", samples, events, Files.size(file) / 1e6);
        open = EventCache.openIfValid(file, "bench", EventCache.KIND_POLARITY, BOUNDS);
    }

    /**
     * Closes the cache and deletes it.
     *
     * @throws IOException if the files cannot be deleted
     */
    @TearDown(Level.Trial)
    public void deleteCache() throws IOException {
        open.close();
        Files.delete(file);
        Files.delete(dir);
    }

    /**
     * @return the number of samples (the cache is closed again)
     * @throws IOException if the cache cannot be read
     */
    @Benchmark
    public int openWithValidation() throws IOException {
        try (EventCache c = EventCache.openIfValid(file, "bench", EventCache.KIND_POLARITY, BOUNDS)) {
            return c.size();
        }
    }

    /**
     * @return the number of events read, which must be samples x events
     * @throws IOException if the cache cannot be read
     */
    @Benchmark
    public long readEverySample() throws IOException {
        long sum = 0;
        for (int s = 0; s < open.size(); s++) {
            sum += open.polarity(s).size();
        }
        if (sum != (long) samples * events) {
            throw new IllegalStateException("read " + sum + " events, expected " + (long) samples * events);
        }
        return sum;
    }
}

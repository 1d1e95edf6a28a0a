package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.events.PolarityEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Benchmark program (not a test): the cost of validating an event cache on open (one full read with CRC-32, order
 * and bounds checks) against reading every sample back, on a synthetic N-MNIST-sized cache.
 *
 * <p>Run after {@code mvn -q -pl matterhorn-data -am test-compile}:
 * <pre>
 * java -cp matterhorn-data/target/test-classes:matterhorn-data/target/classes:$(cat /tmp/cp.txt) \
 *     io.matterhorn.data.neuromorphic.EventCacheOpenBenchmark [samples] [eventsPerSample]
 * </pre>
 * Prints the file size, the open (validation) time and the time to read all samples, best of three.
 */
public final class EventCacheOpenBenchmark {

    private EventCacheOpenBenchmark() {
    }

    /**
     * @param args optional sample count (default 10,000) and events per sample (default 4,000)
     * @throws IOException if the temporary cache cannot be written
     */
    public static void main(String[] args) throws IOException {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 4_000;
        Path dir = Files.createTempDirectory("mhev-bench");
        Path file = dir.resolve("bench.mhev");
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
        CacheBounds bounds = new CacheBounds(10, 34, 34, 65536);
        double bestOpen = Double.MAX_VALUE;
        double bestRead = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            try (EventCache c = EventCache.openIfValid(file, "bench", EventCache.KIND_POLARITY, bounds)) {
                long t1 = System.nanoTime();
                long sum = 0;
                for (int s = 0; s < c.size(); s++) {
                    sum += c.polarity(s).size();
                }
                long t2 = System.nanoTime();
                if (sum != (long) samples * events) {
                    throw new IllegalStateException("read " + sum + " events");
                }
                bestOpen = Math.min(bestOpen, (t1 - t0) / 1e9);
                bestRead = Math.min(bestRead, (t2 - t1) / 1e9);
            }
        }
        long bytes = Files.size(file);
        System.out.printf("cache %d samples x %d events = %.1f MB: open with validation %.3f s (%.0f MB/s), "
                + "reading every sample %.3f s; ratio open/read %.2f%n", samples, events, bytes / 1e6, bestOpen,
                bytes / 1e6 / bestOpen, bestRead, bestOpen / bestRead);
        Files.delete(file);
        Files.delete(dir);
    }
}

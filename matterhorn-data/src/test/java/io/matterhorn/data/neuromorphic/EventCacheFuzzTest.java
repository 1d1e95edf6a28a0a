package io.matterhorn.data.neuromorphic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.matterhorn.data.FuzzTally;
import io.matterhorn.data.Mutations;
import io.matterhorn.data.events.PolarityEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeded mutations of a cache file: each is either reported as damaged (null) or read with the original data. */
class EventCacheFuzzTest {

    private static final int RUNS = 400;

    @Test
    void damagedCachesAreNeverReadWithWrongData(@TempDir Path dir) throws IOException {
        CacheBounds bounds = new CacheBounds(10, 34, 34, 65536);
        PolarityEvents[] samples = {
            PolarityEvents.of(new long[] {5, 9, 9, 400}, new int[] {1, 33, 0, 7}, new int[] {2, 0, 33, 7},
                    new int[] {0, 1, 1, 0}),
            PolarityEvents.EMPTY,
            PolarityEvents.of(new long[] {1_000_000, 1_000_001}, new int[] {4, 5}, new int[] {6, 7}, new int[] {1, 1}),
        };
        int[] labels = {3, 0, 9};
        Path file = dir.resolve("c.mhev");
        try (EventCacheWriter w = new EventCacheWriter(file, "key", EventCache.KIND_POLARITY)) {
            for (int i = 0; i < samples.length; i++) {
                w.add(labels[i], samples[i]);
            }
            w.commit();
        }
        byte[] good = Files.readAllBytes(file);
        SplittableRandom random = new SplittableRandom(1205);
        FuzzTally tally = new FuzzTally("EventCache");
        for (int i = 0; i < RUNS; i++) {
            Path m = Files.write(dir.resolve("m" + i + ".mhev"), Mutations.mutate(good, random));
            try (EventCache c = EventCache.openIfValid(m, "key", EventCache.KIND_POLARITY, bounds)) {
                if (c == null) {
                    tally.rejected();
                    continue;
                }
                assertArrayEquals(labels, c.labels(), "mutation " + i);
                for (int s = 0; s < samples.length; s++) {
                    PolarityEvents e = c.polarity(s);
                    assertArrayEquals(samples[s].times(), e.times(), "mutation " + i);
                    assertArrayEquals(samples[s].xs(), e.xs(), "mutation " + i);
                    assertArrayEquals(samples[s].ys(), e.ys(), "mutation " + i);
                    assertArrayEquals(samples[s].polarities(), e.polarities(), "mutation " + i);
                }
                tally.identical();
            } catch (Throwable t) {
                if (t instanceof AssertionError a) {
                    throw a;
                }
                throw new AssertionError("mutation " + i + " raised " + t, t);
            }
        }
        tally.print();
        assertEquals(RUNS, tally.runs());
    }
}

package io.matterhorn.examples.events;

import io.matterhorn.data.events.NmnistBinReader;
import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.neuromorphic.NMNIST;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes synthetic N-MNIST recordings in the real {@code .bin} format and folder layout
 * ({@code root/NMNIST/extracted/<Train|Test>/<digit>/<nnnnn>.bin}), for benchmarks and smoke tests. Each sample has
 * events at random pixels of the 34x34 sensor with random polarity, timestamps sorted over about 300 ms like the
 * real recordings; the digit cycles through 0..9.
 */
public final class SyntheticNmnist {

    private SyntheticNmnist() {
    }

    /**
     * Writes one split.
     *
     * @param root    the data root (the files go below {@code root/NMNIST/extracted/})
     * @param train   {@code true} for {@code Train/}, {@code false} for {@code Test/}
     * @param samples number of files, {@code >= 0}
     * @param events  mean number of events per sample (each sample has between half and 1.5 times this)
     * @param seed    random seed
     * @return the number of bytes written
     * @throws IOException if writing fails
     */
    public static long write(Path root, boolean train, int samples, int events, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Path split = root.resolve("NMNIST/extracted").resolve(train ? "Train" : "Test");
        long bytes = 0;
        for (int i = 0; i < samples; i++) {
            int digit = i % 10;
            Path dir = Files.createDirectories(split.resolve(Integer.toString(digit)));
            byte[] data = NmnistBinReader.encode(sample(random, Math.max(1, events / 2 + random.nextInt(events + 1))));
            Files.write(dir.resolve(String.format("%05d.bin", i + 1)), data);
            bytes += data.length;
        }
        return bytes;
    }

    /** One random recording of {@code n} events. */
    static PolarityEvents sample(SplittableRandom random, int n) {
        long[] t = new long[n];
        int[] x = new int[n];
        int[] y = new int[n];
        int[] p = new int[n];
        for (int k = 0; k < n; k++) {
            t[k] = random.nextLong(300_000);
            x[k] = random.nextInt(NMNIST.SENSOR_SIZE);
            y[k] = random.nextInt(NMNIST.SENSOR_SIZE);
            p[k] = random.nextInt(2);
        }
        Arrays.sort(t);
        return PolarityEvents.of(t, x, y, p);
    }
}

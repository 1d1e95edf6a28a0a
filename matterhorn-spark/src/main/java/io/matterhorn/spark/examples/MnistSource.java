package io.matterhorn.spark.examples;

import io.matterhorn.data.idx.IdxArray;
import io.matterhorn.data.idx.IdxReader;
import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.spark.LabeledSample;
import io.matterhorn.spark.SampleSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * MNIST read where it is used, for the Spark examples: the bundled 10,000-digit sample (a resource of
 * matterhorn-data, so every executor has it with the application's jars), or the IDX files of a folder that every
 * executor can reach ({@link HadoopFiles}: {@code hdfs://...}, a shared disk, ...), plain or gzip-compressed, with
 * the standard names ({@code train-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte.gz}, ...). Optionally in a
 * seeded random order: {@code Collections.shuffle} with {@code new Random(seed)}, the same on every JVM.
 *
 * <p>Immutable and serialisable: only the folder name, the split and the seed travel to the executors.
 */
public final class MnistSource implements SampleSource {
    private static final long serialVersionUID = 1L;
    /** the folder, or null for the bundled sample. */
    private final String dir;
    /** training split rather than test. */
    private final boolean train;
    /** shuffle the order. */
    private final boolean shuffle;
    /** seed of the order. */
    private final long seed;

    private MnistSource(String dir, boolean train, boolean shuffle, long seed) {
        this.dir = dir;
        this.train = train;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    /**
     * @param dir a folder with the MNIST IDX files, or null for the bundled sample
     * @param train the training split (else the test split)
     * @return the split in file order
     */
    public static MnistSource of(String dir, boolean train) {
        return new MnistSource(dir, train, false, 0);
    }

    /**
     * @param orderSeed seed of the random order
     * @return the same split in a seeded random order
     */
    public MnistSource shuffled(long orderSeed) {
        return new MnistSource(dir, train, true, orderSeed);
    }

    /**
     * Reads the whole split (on an executor or on the driver).
     *
     * @return the data set, in file order
     * @throws IOException when the files cannot be found or read
     */
    public MnistDataset load() throws IOException {
        if (dir == null) {
            return MnistDataset.bundled(train);
        }
        Path base = new Path(dir);
        FileSystem fs = HadoopFiles.fileSystem(base);
        return MnistDataset.fromIdx(readIdx(fs, find(fs, base, "images"), 3), readIdx(fs, find(fs, base, "labels"), 1));
    }

    private static IdxArray readIdx(FileSystem fs, Path file, int rank) throws IOException {
        try (InputStream in = fs.open(file)) {
            return IdxReader.read(in, file.toString(), rank);
        }
    }

    private Path find(FileSystem fs, Path base, String kind) throws IOException {
        List<String> tried = new ArrayList<>();
        for (String prefix : train ? new String[] {"train"} : new String[] {"t10k", "test"}) {
            String idx = kind.equals("images") ? "idx3-ubyte" : "idx1-ubyte";
            for (String name : new String[] {prefix + "-" + kind + "-" + idx, prefix + "-" + kind + "." + idx}) {
                for (String suffix : new String[] {"", ".gz"}) {
                    Path p = new Path(base, name + suffix);
                    tried.add(p.getName());
                    if (fs.isFile(p)) {
                        return p;
                    }
                }
            }
        }
        throw new NoSuchFileException(base.toString(), null, "no MNIST " + (train ? "training" : "test") + " "
                + kind + " file; tried " + String.join(", ", tried));
    }

    /**
     * @param n number of samples
     * @return position -> index in the file: the identity, or the seeded shuffle
     */
    int[] order(int n) {
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        if (shuffle) {
            Collections.shuffle(order, new Random(seed));
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = order.get(i);
        }
        return out;
    }

    @Override
    public Reader open() throws IOException {
        MnistDataset data = load();
        int[] order = order(data.size());
        return new Reader() {
            @Override
            public long size() {
                return order.length;
            }

            @Override
            public LabeledSample read(long position) {
                int i = order[Math.toIntExact(position)];
                return new LabeledSample(data.image(i), data.label(i));
            }
        };
    }

    @Override
    public String toString() {
        return "MNIST " + (train ? "training" : "test") + " split from " + (dir == null ? "the bundled sample" : dir)
                + (shuffle ? ", shuffled with seed " + seed : "");
    }
}

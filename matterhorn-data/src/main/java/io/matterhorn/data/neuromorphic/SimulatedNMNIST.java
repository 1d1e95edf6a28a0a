package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.events.NmnistBinReader;
import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.data.simulation.DvsParameters;
import io.matterhorn.data.simulation.DvsSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * N-MNIST-style event recordings simulated from MNIST digits, with no download: each digit is moved along three
 * saccades in front of a simulated 34x34 DVS ({@link DvsSimulator}, {@link DvsParameters}), as the real N-MNIST
 * was recorded by moving an ATIS camera in front of MNIST digits on a screen.
 *
 * <p>The digits are the bundled 10,000-digit sample ({@link MnistDataset#bundled(boolean)}: 8,000 training and
 * 2,000 test digits) unless {@link Builder#mnist(Path)} names a folder of MNIST IDX files. The data set yields the
 * same {@link PolarityEvents} and {@code [T, P, H, W]} frames as {@link NMNIST} and takes the same builder options
 * (binning, clipping, size, polarity, sampling, label transform); samples keep the MNIST order. Recording
 * {@code i} of the training split is simulated with sample index {@code i}, of the test split with
 * {@code 2^40 + i}, so the two splits use different random streams.
 *
 * <p>The recordings are simulated once, in parallel, into the event cache
 * ({@code root/SimulatedNMNIST/processed/}); its key holds the simulator parameters, the number of digits and a
 * SHA-256 of the digits, so changing any of them simulates anew. {@link #writeBinFiles(Path)} writes the
 * recordings as N-MNIST {@code .bin} files that {@link NMNIST} reads.
 *
 * <pre>{@code
 * try (SimulatedNMNIST train = SimulatedNMNIST.builder(Path.of("data")).train(true).timeSteps(8).build()) {
 *     INDArray frames = train.frames(0);      // [8, 2, 34, 34]
 *     int digit = train.label(0);
 * }
 * }</pre>
 *
 * <p>Reading is thread-safe; close the data set to release its cache file.
 */
public final class SimulatedNMNIST extends CameraEventDataset {

    /** Offset added to the sample index of test recordings (selects their random streams). */
    public static final long TEST_INDEX_OFFSET = 1L << 40;

    private static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private final MnistDataset digits;
    private final String digitsName;
    private final String digitsHash;
    private final int count;
    private final DvsSimulator simulator;

    private SimulatedNMNIST(EventOptions options, boolean polarity, int height, int width, MnistDataset digits,
                            String digitsName, int count, DvsParameters parameters) {
        super("SimulatedNMNIST", options, polarity, height, width, parameters.canvasSize(),
                parameters.canvasSize());
        this.digits = digits;
        this.digitsName = digitsName;
        this.count = count;
        this.digitsHash = hash(digits, count);
        this.simulator = new DvsSimulator(parameters);
    }

    /**
     * Starts configuring; defaults as {@link NMNIST} (training split, T = 128, 34x34, two polarities, binary
     * frames), the bundled digits, all of them, {@link DvsParameters#defaults()}.
     *
     * @param root the data folder (the cache lives in {@code root/SimulatedNMNIST/processed/})
     * @return the builder
     */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    @Override
    public List<String> classNames() {
        return CLASSES;
    }

    /**
     * Returns the simulator settings.
     *
     * @return the parameters
     */
    public DvsParameters parameters() {
        return simulator.parameters();
    }

    /**
     * Simulates one recording without the cache (the cache holds the same events, sorted by time).
     *
     * @param index the sample index, in {@code [0, size())}
     * @return the events of that digit
     */
    public PolarityEvents simulate(int index) {
        Objects.checkIndex(index, count);
        return simulator.simulate(digits.image(index), digits.imageHeight(), digits.imageWidth(),
                (options().train() ? 0 : TEST_INDEX_OFFSET) + index);
    }

    @Override
    List<ArchiveFile> archives(boolean train) {
        return List.of();
    }

    @Override
    boolean downloadable() {
        return false;
    }

    @Override
    String cacheKeyExtras() {
        return ";digits=" + digitsName + ";count=" + count + ";sha256=" + digitsHash + ";dvs=" + parameters();
    }

    @Override
    List<SampleSource<PolarityEvents>> sources(Path extracted, boolean train) {
        List<SampleSource<PolarityEvents>> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            out.add(new SampleSource<>() {
                @Override
                public String name() {
                    return digitsName + " #" + index;
                }

                @Override
                public List<Labelled<PolarityEvents>> read() {
                    return List.of(new Labelled<>(digits.label(index), simulate(index)));
                }
            });
        }
        return out;
    }

    /**
     * Writes every recording (as cached: sorted by time, after {@code sampling}) as an N-MNIST {@code .bin} file,
     * in N-MNIST's layout: {@code folder/Train/<digit>/<nnnnn>.bin} (or {@code Test/}), where {@code nnnnn} is the
     * sample index plus one, zero-padded to five digits. {@code NMNIST.builder(root)} reads them when
     * {@code folder} is {@code root/NMNIST/extracted}; it orders them by digit, then by file number.
     *
     * @param folder the folder to write into (created if missing); existing files of the same names are replaced
     * @return the number of files written
     * @throws IOException if writing fails
     */
    public int writeBinFiles(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Path split = folder.resolve(options().train() ? "Train" : "Test");
        for (int i = 0; i < size(); i++) {
            Path dir = Files.createDirectories(split.resolve(Integer.toString(digits.label(i))));
            Files.write(dir.resolve(String.format("%05d.bin", i + 1)), NmnistBinReader.encode(events(i)));
        }
        return size();
    }

    private static String hash(MnistDataset digits, int count) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            int h = digits.imageHeight();
            int w = digits.imageWidth();
            byte[] image = new byte[h * w + 1];
            for (int i = 0; i < count; i++) {
                for (int r = 0; r < h; r++) {
                    for (int c = 0; c < w; c++) {
                        image[r * w + c] = (byte) digits.pixel(i, r, c);
                    }
                }
                image[h * w] = (byte) digits.label(i);
                sha.update(image);
            }
            sha.update((h + "x" + w).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Configures a {@link SimulatedNMNIST} data set. Not thread-safe. */
    public static final class Builder extends CameraDatasetBuilder<Builder, SimulatedNMNIST> {
        private Path mnist;
        private boolean sized;
        private int limit = -1;
        private DvsParameters parameters = DvsParameters.defaults();

        private Builder(Path root) {
            super(root, NMNIST.SENSOR_SIZE, NMNIST.SENSOR_SIZE);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the output frame size (default the canvas size, 34x34); coordinates are floor-scaled from it.
         *
         * @param height output rows, {@code >= 1}
         * @param width  output columns, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if a size is below 1
         */
        @Override
        public Builder size(int height, int width) {
            super.size(height, width);
            sized = true;
            return this;
        }

        /**
         * Takes the digits from a folder of MNIST IDX files (as {@link MnistDataset#fromDirectory(Path, boolean)})
         * instead of the bundled sample.
         *
         * @param folder the folder, or {@code null} for the bundled sample (default)
         * @return this builder
         */
        public Builder mnist(Path folder) {
            this.mnist = folder;
            return this;
        }

        /**
         * Uses only the first {@code n} digits of the split (default all).
         *
         * @param n {@code >= 1}; more than the split holds means all
         * @return this builder
         * @throws IllegalArgumentException if {@code n < 1}
         */
        public Builder limit(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("limit must be >= 1, got " + n);
            }
            this.limit = n;
            return this;
        }

        /**
         * Sets the simulator (default {@link DvsParameters#defaults()}); the canvas size becomes the sensor size,
         * and the output size unless {@link #size(int, int)} sets another.
         *
         * @param parameters the settings
         * @return this builder
         */
        public Builder parameters(DvsParameters parameters) {
            this.parameters = Objects.requireNonNull(parameters, "parameters");
            return this;
        }

        /**
         * Loads the digits and opens the data set; simulates the recordings into the cache on the first use.
         *
         * @return the data set (close it when done)
         * @throws java.nio.file.NoSuchFileException       if the MNIST folder lacks the split's files
         * @throws io.matterhorn.data.idx.IdxFormatException if an IDX file is malformed
         * @throws IOException                              if reading or writing fails
         */
        @Override
        public SimulatedNMNIST build() throws IOException {
            EventOptions options = options();
            MnistDataset digits = mnist == null ? MnistDataset.bundled(options.train())
                    : MnistDataset.fromDirectory(mnist, options.train());
            String name = mnist == null ? "bundled-" + options.split()
                    : mnist.toAbsolutePath().normalize() + "/" + options.split();
            int count = limit < 0 ? digits.size() : Math.min(limit, digits.size());
            if (count == 0) {
                throw new IllegalArgumentException("SimulatedNMNIST: the MNIST " + options.split() + " split of "
                        + name + " holds no digits");
            }
            int h = sized ? height() : parameters.canvasSize();
            int w = sized ? width() : parameters.canvasSize();
            SimulatedNMNIST d = new SimulatedNMNIST(options, polarity(), h, w, digits, name, count, parameters);
            d.prepare();
            return d;
        }
    }
}

package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.download.Resource;
import io.matterhorn.data.events.FrameBinner;
import io.matterhorn.data.events.ShdFileReader;
import io.matterhorn.data.events.UnitEvents;
import io.matterhorn.data.events.UnitFrameSpec;
import io.matterhorn.data.transform.FrameTransform;
import io.matterhorn.data.transform.SamplePipeline;
import io.matterhorn.data.transform.UnitTransform;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Spiking Heidelberg Digits (Cramer et al. 2020): spoken digits 0-9 in English and German (20 classes) converted
 * to spikes of 700 cochlear channels. Licence CC BY 4.0. Sample counts come from the files (the published figures
 * differ between releases).
 *
 * <p>Files: {@code shd_train.h5.zip} and {@code shd_test.h5.zip} from zenkelab.org, extracting to
 * {@code shd_train.h5} / {@code shd_test.h5}, read with {@link ShdFileReader} (jHDF: variable-length float16 times
 * in seconds, uint16 units). Timestamps become integers {@code floor(float32(time) * float32(precision))}, by
 * default nanoseconds ({@code precision = 1e9}), as in the original. Frames are {@code [T, length]} by the rule of
 * {@link UnitFrameSpec}. The original could not be constructed at all (docs/datasets.md #30); {@code count} works here.
 */
public final class SpikingHeidelbergDigits extends EventDataset<UnitEvents> {

    /** Number of input channels. */
    public static final int UNITS = 700;

    /** Where the archives are published. */
    public static final String MIRROR = "https://zenkelab.org/datasets/";

    /** The training archive. */
    public static final Resource TRAIN_ZIP = new Resource("shd_train.h5.zip", MIRROR + "shd_train.h5.zip",
            "f3252aeb598ac776c1b526422d90eecb");

    /** The test archive. */
    public static final Resource TEST_ZIP = new Resource("shd_test.h5.zip", MIRROR + "shd_test.h5.zip",
            "1503a5064faa34311c398fb0a1ed0a6f");

    /** Class names in label order. */
    public static final List<String> CLASSES = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "null", "eins", "zwei", "drei", "vier", "fuenf", "sechs", "sieben", "acht", "neun");

    private final UnitFrameSpec spec;
    private final double precision;

    private SpikingHeidelbergDigits(EventOptions options, int length, double precision, UnitTransform transform,
                                    FrameTransform frames, long seed) {
        super("SpikingHeidelbergDigits", options);
        int units = transform == null ? UNITS : transform.outputUnits(UNITS);
        this.spec = new UnitFrameSpec(options.timeBinning(), length, units, options.count());
        this.precision = precision;
        if (transform != null || frames != null) {
            usePipeline(new SamplePipeline<>(transform == null ? null : (e, r) -> transform.apply(e, UNITS, r),
                    frames, seed));
        }
    }

    /**
     * Starts configuring SHD; defaults as the original: training split, no download, T = 128, length 700,
     * precision 1e9 (nanoseconds), binary frames, sampling 1, no clipping.
     *
     * @param root the data folder (the data set lives in {@code root/SpikingHeidelbergDigits/})
     * @return the builder
     */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /**
     * Returns the frame description.
     *
     * @return length, count mode and time binning
     */
    public UnitFrameSpec frameSpec() {
        return spec;
    }

    /**
     * Returns the sample shape.
     *
     * @return a fresh {@code [T, length]}
     */
    @Override
    public long[] sampleShape() {
        return spec.shape();
    }

    @Override
    public List<String> classNames() {
        return CLASSES;
    }

    @Override
    String cacheKeyExtras() {
        return ";precision=" + Double.toString(precision);
    }

    @Override
    int recordKind() {
        return EventCache.KIND_UNIT;
    }

    @Override
    List<ArchiveFile> archives(boolean train) {
        return List.of(train ? new ArchiveFile(TRAIN_ZIP, "shd_train.h5") : new ArchiveFile(TEST_ZIP, "shd_test.h5"));
    }

    @Override
    List<SampleSource<UnitEvents>> sources(Path extracted, boolean train) {
        Path file = extracted.resolve(train ? "shd_train.h5" : "shd_test.h5");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return List.of(new FileSource<>(file, f -> {
            ShdFileReader.Contents contents = ShdFileReader.read(f);
            List<SampleSource.Labelled<UnitEvents>> out = new ArrayList<>(contents.size());
            for (int i = 0; i < contents.size(); i++) {
                out.add(new SampleSource.Labelled<>(contents.labels()[i], contents.events(i, precision, f.toString())));
            }
            return out;
        }));
    }

    @Override
    CacheBounds cacheBounds() {
        return new CacheBounds(numClasses(), 128, 128, UNITS);
    }

    @Override
    UnitEvents withinSensor(UnitEvents events) {
        return events.withinUnits(UNITS);
    }

    @Override
    UnitEvents sortAndSample(UnitEvents events, int sampling) {
        return events.sortedByTime().everyNth(sampling);
    }

    @Override
    UnitEvents readCached(EventCache cache, int index) throws IOException {
        return cache.units(index);
    }

    @Override
    void bin(UnitEvents events, float[] dst, int offset, int timeStride) {
        FrameBinner.bin(events, spec, dst, offset, timeStride);
    }

    @Override
    void bin(UnitEvents events, FloatBuffer dst, int offset, int timeStride, boolean zeroed) {
        FrameBinner.bin(events, spec, dst, offset, timeStride, zeroed);
    }

    /** Configures a {@link SpikingHeidelbergDigits} data set. */
    public static final class Builder extends EventDatasetBuilder<Builder, SpikingHeidelbergDigits> {
        private int length = UNITS;
        private double precision = 1e9;
        private UnitTransform transform;

        private Builder(Path root) {
            super(root);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the output length {@code L}; channels are floor-scaled from 700 (default 700).
         *
         * @param length {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if {@code length < 1}
         */
        public Builder length(int length) {
            if (length < 1) {
                throw new IllegalArgumentException("length must be >= 1, got " + length);
            }
            this.length = length;
            return this;
        }

        /**
         * Sets the timestamp resolution: ticks per second (default 1e9, nanoseconds). Changes the cached events.
         *
         * @param precision {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException if {@code precision} is not positive and finite
         */
        public Builder precision(double precision) {
            if (!(precision > 0) || Double.isInfinite(precision)) {
                throw new IllegalArgumentException("precision must be > 0 and finite, got " + precision);
            }
            this.precision = precision;
            return this;
        }

        /**
         * Sets the spike transform applied to every sample on access, before binning (default none). A transform
         * that changes the number of channels ({@code UnitSubsample}) changes the grid the length is scaled from;
         * set {@link #length(int)} to the new channel count to keep one channel per column.
         *
         * @param transform the transform, or null for none
         * @return this builder
         */
        public Builder transform(UnitTransform transform) {
            this.transform = transform;
            return this;
        }

        @Override
        public SpikingHeidelbergDigits build() throws IOException {
            SpikingHeidelbergDigits d = new SpikingHeidelbergDigits(options(), length, precision, transform,
                    frameTransform(), transformSeed());
            d.prepare();
            return d;
        }
    }
}

package io.matterhorn.data.custom;

import io.matterhorn.data.EventFramingBuilder;
import io.matterhorn.data.SequenceDataset;
import io.matterhorn.data.events.EventReader;
import io.matterhorn.data.events.EventStream;
import io.matterhorn.data.events.FrameBinner;
import io.matterhorn.data.events.FrameSpec;
import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.TimeBinning;
import io.matterhorn.data.events.UnitEvents;
import io.matterhorn.data.events.UnitFrameSpec;
import io.matterhorn.data.transform.EventTransform;
import io.matterhorn.data.transform.SamplePipeline;
import io.matterhorn.data.transform.SensorSize;
import io.matterhorn.data.transform.UnitTransform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An event data set made from a user's own recordings: events given as arrays ({@link PolarityEvents#of},
 * {@link UnitEvents#of}) or as files read on access by an {@link EventReader}, each with a label, binned into
 * frames like the packaged data sets ({@link FrameSpec} for camera events, {@link UnitFrameSpec} for unit
 * spikes), with the same event and frame transforms.
 *
 * <pre>{@code
 * UserEventDataset<PolarityEvents> data = UserEventDataset.camera(34, 34)        // sensor width, height
 *         .timeSteps(16).transform(new RandomFlipLR(0.5)).transformSeed(7)
 *         .add(PolarityEvents.of(t, x, y, p), 3)                                   // arrays ...
 *         .addFile(Path.of("rec/0001.aedat"), 5)                                   // ... or files
 *         .reader(new AedatEventReader(ByteOrder.BIG_ENDIAN, 4, EventWordLayout.DVS128))
 *         .build();
 * BatchLoader loader = BatchLoader.builder(data).batchSize(32).shuffle(true).timeMajor(true).build();
 * }</pre>
 *
 * <p>On access a sample's events are read (files each time: memory holds only what the arrays hold), cleaned
 * (events outside the sensor dropped, stably sorted by time), transformed with the generator of
 * {@code (seed, epoch, index)} and binned. Immutable after {@code build()} and safe to read from several threads
 * when the reader is.
 *
 * @param <E> the event type
 */
public final class UserEventDataset<E extends EventStream> implements SequenceDataset {

    private final List<Object> sources;
    private final int[] labels;
    private final EventReader<E> reader;
    private final UnaryOperator<E> clean;
    private final SamplePipeline.Binner<E> binner;
    private final SamplePipeline<E> pipeline;
    private final long[] shape;
    private final List<String> classNames;

    private UserEventDataset(Builder<E, ?> b, UnaryOperator<E> clean, SamplePipeline.Binner<E> binner,
                             SamplePipeline<E> pipeline, long[] shape) {
        this.sources = List.copyOf(b.sources);
        this.labels = b.labels.stream().mapToInt(Integer::intValue).toArray();
        this.reader = b.reader;
        this.clean = clean;
        this.binner = binner;
        this.pipeline = pipeline;
        this.shape = shape;
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        if (b.classNames != null) {
            if (b.classNames.size() < classes) {
                throw new IllegalArgumentException("UserEventDataset: " + b.classNames.size() + " class names for "
                        + "labels up to " + (classes - 1));
            }
            this.classNames = List.copyOf(b.classNames);
        } else {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < classes; i++) {
                names.add(Integer.toString(i));
            }
            this.classNames = List.copyOf(names);
        }
    }

    /**
     * Starts a data set of camera events on a {@code width x height} sensor; frames are {@code [T, P, H, W]}.
     *
     * @param sensorWidth  sensor columns, {@code >= 1}
     * @param sensorHeight sensor rows, {@code >= 1}
     * @return the builder
     * @throws IllegalArgumentException if a size is below 1
     */
    public static CameraBuilder camera(int sensorWidth, int sensorHeight) {
        return new CameraBuilder(new SensorSize(sensorWidth, sensorHeight));
    }

    /**
     * Starts a data set of unit spikes from {@code units} channels; frames are {@code [T, L]}.
     *
     * @param units number of channels, {@code >= 1}
     * @return the builder
     * @throws IllegalArgumentException if {@code units < 1}
     */
    public static UnitBuilder units(int units) {
        if (units < 1) {
            throw new IllegalArgumentException("UserEventDataset.units: need >= 1 channel, got " + units);
        }
        return new UnitBuilder(units);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public long[] sampleShape() {
        return shape.clone();
    }

    @Override
    public int label(int index) {
        Objects.checkIndex(index, labels.length);
        return labels[index];
    }

    /**
     * Returns the class names, indexed by label.
     *
     * @return an unmodifiable list ({@code "0", "1", ...} unless names were given)
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Returns the events of one sample as stored or read: inside the sensor, sorted by time, not transformed.
     *
     * @param index the sample index, in {@code [0, size())}
     * @return the events
     * @throws UncheckedIOException if the sample's file cannot be read
     */
    @SuppressWarnings("unchecked")
    public E events(int index) {
        Objects.checkIndex(index, labels.length);
        Object s = sources.get(index);
        if (s instanceof Path file) {
            try {
                return clean.apply(Objects.requireNonNull(reader.read(file), "reader returned null for " + file));
            } catch (IOException e) {
                throw new UncheckedIOException("UserEventDataset: cannot read sample " + index + " from " + file, e);
            }
        }
        return clean.apply((E) s);
    }

    /**
     * Returns the events of one sample after the event transform of epoch {@code epoch}.
     *
     * @param index the sample index, in {@code [0, size())}
     * @param epoch the epoch (0 outside a loader)
     * @return the transformed events
     */
    public E transformedEvents(int index, long epoch) {
        return pipeline.events(events(index), index, epoch);
    }

    @Override
    public void copyFeatures(int index, float[] dst, int offset) {
        copyFeatures(index, dst, offset, stepSize());
    }

    @Override
    public void copyFeatures(int index, float[] dst, int offset, int timeStride) {
        pipeline.write(events(index), index, 0, binner, shape, dst, offset, timeStride);
    }

    @Override
    public void copyFeatures(int index, FloatBuffer dst, int offset, int timeStride, boolean zeroed) {
        copyFeaturesForEpoch(index, 0, dst, offset, timeStride, zeroed);
    }

    @Override
    public void copyFeaturesForEpoch(int index, long epoch, FloatBuffer dst, int offset, int timeStride,
                                     boolean zeroed) {
        pipeline.write(events(index), index, epoch, binner, shape, dst, offset, timeStride, zeroed);
    }

    /**
     * Returns the frames of one sample (epoch 0 transforms).
     *
     * @param index the sample index, in {@code [0, size())}
     * @return a new float32 array of shape {@link #sampleShape()}
     */
    public INDArray frames(int index) {
        float[] data = new float[featureSize()];
        copyFeatures(index, data, 0);
        return Nd4j.create(data, shape, 'c');
    }

    @Override
    public String toString() {
        return "UserEventDataset[" + labels.length + " samples, " + Arrays.toString(shape) + "]";
    }

    /**
     * The options shared by both kinds of user data set: samples, reader and class names, plus the framing options
     * every event data set has ({@link EventFramingBuilder}: time binning, count mode, frame transform, seed).
     * Defaults: {@code T = 128}, stretch binning, binary frames, no clipping, no transforms, seed 0. Not
     * thread-safe.
     *
     * @param <E> the event type
     * @param <B> the concrete builder
     */
    public abstract static class Builder<E extends EventStream, B extends Builder<E, B>>
            extends EventFramingBuilder<B> {
        private final List<Object> sources = new ArrayList<>();
        private final List<Integer> labels = new ArrayList<>();
        private EventReader<E> reader;
        private List<String> classNames;

        Builder() {
        }

        /**
         * Adds a sample held in memory.
         *
         * @param events the events (any order)
         * @param label  the class, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if the label is negative
         */
        public B add(E events, int label) {
            Objects.requireNonNull(events, "events");
            sources.add(events);
            labels.add(checkLabel(label));
            return self();
        }

        /**
         * Adds a sample read from a file on every access (by the {@link #reader(EventReader)}).
         *
         * @param file  the recording
         * @param label the class, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if the label is negative
         */
        public B addFile(Path file, int label) {
            Objects.requireNonNull(file, "file");
            sources.add(file);
            labels.add(checkLabel(label));
            return self();
        }

        private static int checkLabel(int label) {
            if (label < 0) {
                throw new IllegalArgumentException("UserEventDataset: labels must be >= 0, got " + label);
            }
            return label;
        }

        /**
         * Sets the reader of the files added with {@link #addFile(Path, int)} (required if there are any).
         *
         * @param reader a thread-safe reader
         * @return this builder
         */
        public B reader(EventReader<E> reader) {
            this.reader = Objects.requireNonNull(reader, "reader");
            return self();
        }

        /**
         * Names the classes.
         *
         * @param names one per label, at least as many as the largest label + 1
         * @return this builder
         */
        public B classNames(List<String> names) {
            this.classNames = List.copyOf(names);
            return self();
        }

        TimeBinning timeBinning() {
            if (timeSteps() < 1) {
                throw new IllegalArgumentException("UserEventDataset: timeSteps must be >= 1, got " + timeSteps());
            }
            if (binDuration() < 0) {
                throw new IllegalArgumentException("UserEventDataset: binDuration must be >= 0, got "
                        + binDuration());
            }
            TimeBinning b = binDuration() == 0 ? TimeBinning.stretch(timeSteps())
                    : TimeBinning.fixed(timeSteps(), binDuration());
            return b.clipped(clipped());
        }

        void checkSources() {
            if (sources.isEmpty()) {
                throw new IllegalStateException("UserEventDataset: no samples; call add(...) or addFile(...)");
            }
            if (reader == null && sources.stream().anyMatch(s -> s instanceof Path)) {
                throw new IllegalStateException("UserEventDataset: files were added but no reader(...) was set");
            }
        }

    }

    /** Builds a data set of camera events; adds {@code polarity}, output {@code size} and an event transform. */
    public static final class CameraBuilder extends Builder<PolarityEvents, CameraBuilder> {
        private final SensorSize sensor;
        private boolean polarity = true;
        private int height;
        private int width;
        private EventTransform transform;

        private CameraBuilder(SensorSize sensor) {
            this.sensor = sensor;
        }

        @Override
        protected CameraBuilder self() {
            return this;
        }

        /**
         * Keeps two polarity channels (default) or merges them into one.
         *
         * @param polarity {@code true} for {@code P = 2}
         * @return this builder
         */
        public CameraBuilder polarity(boolean polarity) {
            this.polarity = polarity;
            return this;
        }

        /**
         * Sets the frame size (default: the sensor size after the transform); coordinates are floor-scaled.
         *
         * @param height rows, {@code >= 1}
         * @param width  columns, {@code >= 1}
         * @return this builder
         */
        public CameraBuilder size(int height, int width) {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("size must be >= 1x1, got " + height + "x" + width);
            }
            this.height = height;
            this.width = width;
            return this;
        }

        /**
         * Sets the event transform (default none).
         *
         * @param transform the transform, or null
         * @return this builder
         */
        public CameraBuilder transform(EventTransform transform) {
            this.transform = transform;
            return this;
        }

        /**
         * Creates the data set.
         *
         * @return the data set
         * @throws IllegalStateException    if there are no samples, or files without a reader
         * @throws IllegalArgumentException if an option is out of range
         */
        public UserEventDataset<PolarityEvents> build() {
            checkSources();
            SensorSize out = transform == null ? sensor : transform.outputSize(sensor);
            FrameSpec spec = new FrameSpec(timeBinning(), polarity, height > 0 ? height : out.height(),
                    width > 0 ? width : out.width(), out.height(), out.width(), count());
            EventTransform t = transform;
            SamplePipeline<PolarityEvents> pipeline = new SamplePipeline<>(
                    t == null ? null : (e, r) -> t.apply(e, sensor, r), frameTransform(), transformSeed());
            SamplePipeline.Binner<PolarityEvents> binner = new SamplePipeline.Binner<>() {
                @Override
                public void bin(PolarityEvents events, float[] dst, int offset, int timeStride) {
                    FrameBinner.bin(events, spec, dst, offset, timeStride);
                }

                @Override
                public void bin(PolarityEvents events, FloatBuffer dst, int offset, int timeStride, boolean zeroed) {
                    FrameBinner.bin(events, spec, dst, offset, timeStride, zeroed);
                }
            };
            return new UserEventDataset<>(this,
                    e -> e.withinSensor(sensor.width(), sensor.height()).sortedByTime(), binner, pipeline,
                    spec.shape());
        }
    }

    /** Builds a data set of unit spikes; adds the output {@code length} and a spike transform. */
    public static final class UnitBuilder extends Builder<UnitEvents, UnitBuilder> {
        private final int units;
        private int length;
        private UnitTransform transform;

        private UnitBuilder(int units) {
            this.units = units;
        }

        @Override
        protected UnitBuilder self() {
            return this;
        }

        /**
         * Sets the frame length {@code L} (default: the channel count after the transform); channels are
         * floor-scaled.
         *
         * @param length {@code >= 1}
         * @return this builder
         */
        public UnitBuilder length(int length) {
            if (length < 1) {
                throw new IllegalArgumentException("length must be >= 1, got " + length);
            }
            this.length = length;
            return this;
        }

        /**
         * Sets the spike transform (default none).
         *
         * @param transform the transform, or null
         * @return this builder
         */
        public UnitBuilder transform(UnitTransform transform) {
            this.transform = transform;
            return this;
        }

        /**
         * Creates the data set.
         *
         * @return the data set
         * @throws IllegalStateException    if there are no samples, or files without a reader
         * @throws IllegalArgumentException if an option is out of range
         */
        public UserEventDataset<UnitEvents> build() {
            checkSources();
            int out = transform == null ? units : transform.outputUnits(units);
            UnitFrameSpec spec = new UnitFrameSpec(timeBinning(), length > 0 ? length : out, out, count());
            UnitTransform t = transform;
            SamplePipeline<UnitEvents> pipeline = new SamplePipeline<>(
                    t == null ? null : (e, r) -> t.apply(e, units, r), frameTransform(), transformSeed());
            SamplePipeline.Binner<UnitEvents> binner = new SamplePipeline.Binner<>() {
                @Override
                public void bin(UnitEvents events, float[] dst, int offset, int timeStride) {
                    FrameBinner.bin(events, spec, dst, offset, timeStride);
                }

                @Override
                public void bin(UnitEvents events, FloatBuffer dst, int offset, int timeStride, boolean zeroed) {
                    FrameBinner.bin(events, spec, dst, offset, timeStride, zeroed);
                }
            };
            return new UserEventDataset<>(this, e -> e.withinUnits(units).sortedByTime(), binner, pipeline,
                    spec.shape());
        }
    }
}

package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.SequenceDataset;
import io.matterhorn.data.download.Archives;
import io.matterhorn.data.download.DatasetNotFoundException;
import io.matterhorn.data.download.Downloader;
import io.matterhorn.data.download.Md5;
import io.matterhorn.data.download.ProgressMeter;
import io.matterhorn.data.download.Resource;
import io.matterhorn.data.events.EventStream;
import io.matterhorn.numeric.Parallel;
import io.matterhorn.data.transform.SamplePipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the neuromorphic data sets: finds or downloads the archives, extracts them, processes every sample's
 * events once into an on-disk {@link EventCache}, and bins cached events into frames on every access.
 *
 * <p>Folders, as in the original: {@code root/<Name>/raw/} (archives), {@code root/<Name>/extracted/} (their
 * contents; an archive counts as extracted when its marker file {@code .extracted-<archive>} exists, written after
 * a complete extraction: docs/datasets.md #33), {@code root/<Name>/processed/} (caches).
 *
 * <p>Processing a split: list the raw files in sorted order (docs/datasets.md #32: no file-system order, no shuffle at
 * construction; the loader shuffles with a seed), read each, drop events outside the sensor, sort by time (stable),
 * keep every {@code sampling}-th event, write all samples to the cache file
 * {@code processed/<split>-<hash of key>.mhev}. The cache key holds every parameter that changes the stored events
 * (data set, split, sampling, cache and reader versions, and data-set specific ones); binning parameters
 * ({@code T}, size, polarity, count, clipping, bin duration) only change the frames and are applied on access.
 *
 * <p>Each sample is a {@code [T, ...]} float32 array ({@link #sampleShape()}); labels pass through the
 * {@code targetTransform}. Event and frame transforms ({@link io.matterhorn.data.transform}) run on every access,
 * between the cache and the binning, so the cache keeps the raw events. Reading is thread-safe. Close the data set to
 * release the cache file.
 *
 * @param <E> the event type
 */
public abstract class EventDataset<E extends EventStream> implements SequenceDataset, AutoCloseable {

    /** Version of the readers' output; part of the cache key, so changed readers rebuild old caches. */
    static final int READER_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(EventDataset.class);
    private static final int SOURCES_PER_ROUND = 256;

    private final String name;
    private final EventOptions options;
    private final Path base;
    private EventCache cache;
    private SamplePipeline<E> pipeline = new SamplePipeline<>(null, null, 0);
    private final SamplePipeline.Binner<E> binner = new SamplePipeline.Binner<>() {
        @Override
        public void bin(E events, float[] dst, int offset, int timeStride) {
            EventDataset.this.bin(events, dst, offset, timeStride);
        }

        @Override
        public void bin(E events, FloatBuffer dst, int offset, int timeStride, boolean zeroed) {
            EventDataset.this.bin(events, dst, offset, timeStride, zeroed);
        }
    };

    EventDataset(String name, EventOptions options) {
        this.name = name;
        this.options = Objects.requireNonNull(options, "options");
        this.base = options.root().resolve(name);
    }

    // ---------------------------------------------------------------- hooks of the concrete data sets

    /** {@link EventCache#KIND_POLARITY} or {@link EventCache#KIND_UNIT}. */
    abstract int recordKind();

    /** The archives the split needs. */
    abstract List<ArchiveFile> archives(boolean train);

    /** The raw files of the split in a fixed, sorted order. */
    abstract List<SampleSource<E>> sources(Path extracted, boolean train) throws IOException;

    /** Drops events that cannot be binned (outside the sensor). */
    abstract E withinSensor(E events);

    /** Stable sort by time, then every n-th event. */
    abstract E sortAndSample(E events, int sampling);

    /** Reads one sample from the cache. */
    abstract E readCached(EventCache cache, int index) throws IOException;

    /** Bins events into frames. */
    abstract void bin(E events, float[] dst, int offset, int timeStride);

    /** Bins events into frames held in a direct buffer. */
    abstract void bin(E events, FloatBuffer dst, int offset, int timeStride, boolean zeroed);

    /**
     * Returns the class names, indexed by label.
     *
     * @return an unmodifiable list
     */
    public abstract List<String> classNames();

    /**
     * What the cache of this data set may hold, checked when it is opened: labels below {@link #numClasses()}, and
     * by default only the format's own coordinate and unit limits (subclasses narrow them to their sensor).
     */
    CacheBounds cacheBounds() {
        return new CacheBounds(numClasses(), 128, 128, 65536);
    }

    /** Parameters of the concrete data set that change the cached events, for the cache key. */
    String cacheKeyExtras() {
        return "";
    }

    /** How many raw files are read (in parallel) before their samples are written to the cache. */
    int sourcesPerRound() {
        return SOURCES_PER_ROUND;
    }

    /** Whether {@code download(true)} can fetch the archives. */
    boolean downloadable() {
        return true;
    }

    /** Extra instructions for a manual download, or an empty string. */
    String manualDownloadNote() {
        return "";
    }

    /** Sets the transforms applied on access (by the builder, before {@link #prepare()}). */
    final void usePipeline(SamplePipeline<E> pipeline) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    }

    // ---------------------------------------------------------------- preparation

    /**
     * Makes the split ready: opens a valid cache, or gets the files and builds it.
     *
     * @throws IOException see {@link EventDatasetBuilder#build()}
     */
    final void prepare() throws IOException {
        String key = cacheKey();
        Path file = processed().resolve(options.split() + "-" + shortHash(key) + ".mhev");
        EventCacheWriter.removeStale(processed());
        EventCache opened = EventCache.openIfValid(file, key, recordKind(), cacheBounds());
        if (opened == null) {
            ensureExtracted();
            buildCache(file, key);
            opened = EventCache.openIfValid(file, key, recordKind(), cacheBounds());
            if (opened == null) {
                throw new IOException(name + ": the cache " + file + " just written cannot be read back");
            }
        }
        cache = opened;
        LOG.debug("{} {}: {} samples from {}", name, options.split(), cache.size(), file);
    }

    /**
     * Returns the cache key: every parameter that changes the stored events.
     *
     * @return for example {@code NMNIST;cache=1;reader=1;split=train;sampling=1}
     */
    public final String cacheKey() {
        return name + ";cache=" + EventCache.VERSION + ";reader=" + READER_VERSION + ";split=" + options.split()
                + ";sampling=" + options.sampling() + cacheKeyExtras();
    }

    private void ensureExtracted() throws IOException {
        List<ArchiveFile> missing = new ArrayList<>();
        for (ArchiveFile archive : archives(options.train())) {
            Resource r = archive.resource();
            Path marker = extracted().resolve(".extracted-" + r.fileName());
            if (Files.exists(marker)) {
                continue;
            }
            Path rawFile = raw().resolve(r.fileName());
            if (!Files.isRegularFile(rawFile)) {
                if (Files.exists(extracted().resolve(archive.extractedName()))) {
                    LOG.info("{}: using {} as extracted by hand", name, extracted().resolve(archive.extractedName()));
                    continue;
                }
                if (options.download() && downloadable()) {
                    Downloader.create().fetch(r, raw());
                } else {
                    missing.add(archive);
                    continue;
                }
            } else if (options.verifyChecksums()) {
                Md5.verify(rawFile, r.md5());
            }
            LOG.info("{}: extracting {}", name, rawFile);
            Archives.extract(rawFile, extracted());
            Files.writeString(marker, r.md5() + System.lineSeparator(), StandardCharsets.US_ASCII);
        }
        if (!missing.isEmpty()) {
            throw new DatasetNotFoundException(instructions(missing));
        }
    }

    /**
     * Describes how to get the files of this split.
     *
     * @param missing the archives not found
     * @return a multi-line message
     */
    String instructions(List<ArchiveFile> missing) {
        StringBuilder s = new StringBuilder(name + " (" + options.split() + " split): data files not found.\n");
        if (!downloadable()) {
            s.append("This data set cannot be downloaded automatically. ").append(manualDownloadNote()).append('\n');
        }
        s.append("Put these files into ").append(raw().toAbsolutePath()).append(":\n");
        for (ArchiveFile a : missing) {
            s.append("  ").append(a.resource().fileName()).append("  (MD5 ").append(a.resource().md5())
                    .append(")\n      from ").append(a.resource().url()).append('\n');
        }
        if (downloadable()) {
            s.append("or let the loader download them: builder(root).download(true). ");
        }
        s.append("Already extracted? Put ");
        for (int i = 0; i < missing.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(missing.get(i).extractedName());
        }
        s.append(" into ").append(extracted().toAbsolutePath()).append('.');
        return s.toString();
    }

    private void buildCache(Path file, String key) throws IOException {
        List<SampleSource<E>> sources = sources(extracted(), options.train());
        if (sources.isEmpty()) {
            throw new DatasetNotFoundException(name + " (" + options.split() + " split): no sample files found in "
                    + extracted().toAbsolutePath() + "; the extracted data is incomplete. Delete that folder "
                    + "and run again to extract the archives anew.");
        }
        LOG.info("{}: processing {} files of the {} split into {}", name, sources.size(), options.split(), file);
        long[] dropped = new long[1];
        try (EventCacheWriter writer = new EventCacheWriter(file, key, recordKind());
             ProgressMeter meter = ProgressMeter.start(name + " " + options.split(), sources.size(),
                     ProgressMeter.Unit.ITEMS)) {
            for (int from = 0; from < sources.size(); from += sourcesPerRound()) {
                List<SampleSource<E>> round = sources.subList(from, Math.min(sources.size(),
                        from + sourcesPerRound()));
                List<List<SampleSource.Labelled<E>>> processed = processRound(round, dropped);
                for (List<SampleSource.Labelled<E>> samples : processed) {
                    for (SampleSource.Labelled<E> s : samples) {
                        writer.add(s.label(), s.events());
                    }
                }
                meter.update(from + round.size());
            }
            writer.commit();
        }
        if (dropped[0] > 0) {
            LOG.warn("{}: dropped {} events outside the sensor", name, dropped[0]);
        }
    }

    /** Reads and cleans a batch of sources in parallel, keeping their order. */
    private List<List<SampleSource.Labelled<E>>> processRound(List<SampleSource<E>> round, long[] dropped)
            throws IOException {
        @SuppressWarnings("unchecked")
        List<SampleSource.Labelled<E>>[] out = new List[round.size()];
        long[] droppedPerSource = new long[round.size()];
        try {
            Parallel.forRange(round.size(), Math.min(4, Math.max(1, round.size() / 2)), (chunk, from, to) -> {
                for (int i = from; i < to; i++) {
                    try {
                        List<SampleSource.Labelled<E>> samples = new ArrayList<>();
                        for (SampleSource.Labelled<E> s : round.get(i).read()) {
                            E inside = withinSensor(s.events());
                            droppedPerSource[i] += s.events().size() - inside.size();
                            samples.add(new SampleSource.Labelled<>(s.label(),
                                    sortAndSample(inside, options.sampling())));
                        }
                        out[i] = samples;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
        for (long d : droppedPerSource) {
            dropped[0] += d;
        }
        return Arrays.asList(out);
    }

    /** Finds the IOException that a parallel task wrapped, wherever the fork-join pool put it. */
    private static IOException unwrap(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UncheckedIOException u) {
                return u.getCause();
            }
        }
        throw e;
    }

    private static String shortHash(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    // ---------------------------------------------------------------- folders

    /**
     * Returns the folder of this data set.
     *
     * @return {@code root/<Name>}
     */
    public final Path baseFolder() {
        return base;
    }

    /**
     * Returns the folder holding the downloaded archives.
     *
     * @return {@code root/<Name>/raw}
     */
    public final Path raw() {
        return base.resolve("raw");
    }

    /**
     * Returns the folder holding the extracted archives.
     *
     * @return {@code root/<Name>/extracted}
     */
    public final Path extracted() {
        return base.resolve("extracted");
    }

    /**
     * Returns the folder holding the caches.
     *
     * @return {@code root/<Name>/processed}
     */
    public final Path processed() {
        return base.resolve("processed");
    }

    /**
     * Returns the cache file in use.
     *
     * @return the path of the open cache
     */
    public final Path cacheFile() {
        return openCache().file();
    }

    // ---------------------------------------------------------------- access

    /**
     * Returns the options this data set was opened with.
     *
     * @return the options
     */
    public final EventOptions options() {
        return options;
    }

    /**
     * Returns the number of classes.
     *
     * @return {@code classNames().size()}
     */
    public final int numClasses() {
        return classNames().size();
    }

    @Override
    public final int size() {
        return openCache().size();
    }

    /**
     * Returns the label of one sample, after the {@code targetTransform}.
     *
     * @param index the sample index, in {@code [0, size())}
     * @return the label
     * @throws IllegalStateException if the transform returns a negative label
     */
    @Override
    public final int label(int index) {
        checkIndex(index);
        int label = options.targetTransform().applyAsInt(openCache().label(index));
        if (label < 0) {
            throw new IllegalStateException(name + ": targetTransform returned the negative label " + label
                    + " for sample " + index);
        }
        return label;
    }

    /**
     * Returns the number of events stored for one sample (after sampling, before clipping).
     *
     * @param index the sample index, in {@code [0, size())}
     * @return the event count; 0 for an empty sample (whose frames are all zero)
     */
    public final int eventCount(int index) {
        checkIndex(index);
        return openCache().eventCount(index);
    }

    /**
     * Returns the processed events of one sample: sorted by time, subsampled, not clipped.
     *
     * @param index the sample index, in {@code [0, size())}
     * @return the events
     * @throws UncheckedIOException if the cache cannot be read
     */
    public final E events(int index) {
        checkIndex(index);
        try {
            return readCached(openCache(), index);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read sample " + index + " from " + openCache().file(), e);
        }
    }

    @Override
    public final void copyFeatures(int index, float[] dst, int offset) {
        copyFeatures(index, dst, offset, stepSize());
    }

    /**
     * Returns the events of one sample after the event transforms, as binned in epoch {@code epoch} (the stored
     * events when no transform is set).
     *
     * @param index the sample index, in {@code [0, size())}
     * @param epoch the epoch whose random draws are used (0 outside a loader)
     * @return the transformed events
     * @throws UncheckedIOException if the cache cannot be read
     */
    public final E transformedEvents(int index, long epoch) {
        return pipeline.events(events(index), index, epoch);
    }

    /**
     * Writes one sample with the transforms of epoch 0 (see {@link #copyFeaturesForEpoch}).
     */
    @Override
    public final void copyFeatures(int index, float[] dst, int offset, int timeStride) {
        E stored = events(index);
        if (!pipeline.transforms()) {
            bin(stored, dst, offset, timeStride);
            return;
        }
        pipeline.write(stored, index, 0, binner, sampleShape(), dst, offset, timeStride);
    }

    @Override
    public final void copyFeatures(int index, FloatBuffer dst, int offset, int timeStride, boolean zeroed) {
        copyFeaturesForEpoch(index, 0, dst, offset, timeStride, zeroed);
    }

    /**
     * Writes one sample: reads its stored events, applies the event transforms, bins, applies the frame
     * transforms; the random draws come from the transform seed, {@code epoch} and {@code index}.
     */
    @Override
    public final void copyFeaturesForEpoch(int index, long epoch, FloatBuffer dst, int offset, int timeStride,
                                           boolean zeroed) {
        E stored = events(index);
        if (!pipeline.transforms()) {
            bin(stored, dst, offset, timeStride, zeroed);
            return;
        }
        pipeline.write(stored, index, epoch, binner, sampleShape(), dst, offset, timeStride, zeroed);
    }

    /**
     * Returns the frames of one sample as an ND4J array.
     *
     * @param index the sample index, in {@code [0, size())}
     * @return a new float32 array of shape {@link #sampleShape()}
     */
    public final INDArray frames(int index) {
        float[] data = new float[featureSize()];
        copyFeatures(index, data, 0);
        return Nd4j.create(data, sampleShape(), 'c');
    }

    private EventCache openCache() {
        if (cache == null) {
            throw new IllegalStateException(name + " is closed");
        }
        return cache;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= openCache().size()) {
            throw new IndexOutOfBoundsException(name + ": sample index " + index + " out of range [0, "
                    + openCache().size() + ")");
        }
    }

    /**
     * Releases the cache file. Further reads fail with {@link IllegalStateException}.
     *
     * @throws IOException if closing fails
     */
    @Override
    public void close() throws IOException {
        if (cache != null) {
            cache.close();
            cache = null;
        }
    }

    /**
     * Describes the data set.
     *
     * @return for example {@code NMNIST[train, 60000 samples, [128, 2, 34, 34]]}
     */
    @Override
    public String toString() {
        return name + "[" + options.split() + ", " + (cache == null ? "closed" : cache.size() + " samples") + ", "
                + Arrays.toString(sampleShape()) + "]";
    }
}

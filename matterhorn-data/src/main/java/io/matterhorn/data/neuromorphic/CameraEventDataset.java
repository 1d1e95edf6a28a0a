package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.events.FrameBinner;
import io.matterhorn.data.events.FrameSpec;
import io.matterhorn.data.events.PolarityEvents;
import java.io.IOException;
import io.matterhorn.data.transform.EventTransform;
import io.matterhorn.data.transform.FrameTransform;
import io.matterhorn.data.transform.SamplePipeline;
import io.matterhorn.data.transform.SensorSize;
import java.nio.FloatBuffer;

/**
 * Base of the camera data sets: events {@code (t, x, y, p)} from a {@code 2 x sensorH x sensorW} sensor, binned
 * into {@code [T, P, H, W]} frames by {@link FrameBinner} ({@link FrameSpec} gives the rule).
 */
public abstract class CameraEventDataset extends EventDataset<PolarityEvents> {

    private final SensorSize sensor;
    private FrameSpec spec;

    CameraEventDataset(String name, EventOptions options, boolean polarity, int height, int width,
                       int sensorHeight, int sensorWidth) {
        super(name, options);
        this.sensor = new SensorSize(sensorWidth, sensorHeight);
        this.spec = new FrameSpec(options.timeBinning(), polarity, height, width, sensorHeight, sensorWidth,
                options.count());
    }

    /**
     * Installs the transforms (by the builder, before the data set is prepared). The frames are binned on the
     * grid the event transform produces; without an explicit output size they take that grid's size.
     */
    final void useTransforms(EventTransform events, FrameTransform frames, long seed, boolean sizeGiven) {
        if (events == null && frames == null) {
            return;
        }
        SensorSize out = events == null ? sensor : events.outputSize(sensor);
        int h = sizeGiven ? spec.height() : out.height();
        int w = sizeGiven ? spec.width() : out.width();
        spec = new FrameSpec(spec.time(), spec.polarity(), h, w, out.height(), out.width(), spec.count());
        usePipeline(new SamplePipeline<>(events == null ? null : (e, r) -> events.apply(e, sensor, r), frames,
                seed));
    }

    /**
     * Returns the sensor grid of the stored events (before any transform).
     *
     * @return columns and rows
     */
    public final SensorSize sensorSize() {
        return sensor;
    }

    /**
     * Returns the frame description.
     *
     * @return sizes, polarity, count mode and time binning
     */
    public final FrameSpec frameSpec() {
        return spec;
    }

    /**
     * Returns the sample shape.
     *
     * @return a fresh {@code [T, P, H, W]}
     */
    @Override
    public final long[] sampleShape() {
        return spec.shape();
    }

    @Override
    final int recordKind() {
        return EventCache.KIND_POLARITY;
    }

    @Override
    final CacheBounds cacheBounds() {
        // the cache holds the raw events, so it is validated against the sensor, not the transformed grid
        return new CacheBounds(numClasses(), sensor.width(), sensor.height(), 65536);
    }

    @Override
    final PolarityEvents withinSensor(PolarityEvents events) {
        return events.withinSensor(sensor.width(), sensor.height());
    }

    @Override
    final PolarityEvents sortAndSample(PolarityEvents events, int sampling) {
        return events.sortedByTime().everyNth(sampling);
    }

    @Override
    final PolarityEvents readCached(EventCache cache, int index) throws IOException {
        return cache.polarity(index);
    }

    @Override
    final void bin(PolarityEvents events, float[] dst, int offset, int timeStride) {
        FrameBinner.bin(events, spec, dst, offset, timeStride);
    }

    @Override
    final void bin(PolarityEvents events, FloatBuffer dst, int offset, int timeStride, boolean zeroed) {
        FrameBinner.bin(events, spec, dst, offset, timeStride, zeroed);
    }
}

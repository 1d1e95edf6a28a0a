package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.events.FrameBinner;
import io.matterhorn.data.events.FrameSpec;
import io.matterhorn.data.events.PolarityEvents;
import java.io.IOException;
import java.nio.FloatBuffer;

/**
 * Base of the camera data sets: events {@code (t, x, y, p)} from a {@code 2 x sensorH x sensorW} sensor, binned
 * into {@code [T, P, H, W]} frames by {@link FrameBinner} ({@link FrameSpec} gives the rule).
 */
public abstract class CameraEventDataset extends EventDataset<PolarityEvents> {

    private final FrameSpec spec;

    CameraEventDataset(String name, EventOptions options, boolean polarity, int height, int width,
                       int sensorHeight, int sensorWidth) {
        super(name, options);
        this.spec = new FrameSpec(options.timeBinning(), polarity, height, width, sensorHeight, sensorWidth,
                options.count());
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
        return new CacheBounds(numClasses(), spec.sensorWidth(), spec.sensorHeight(), 65536);
    }

    @Override
    final PolarityEvents withinSensor(PolarityEvents events) {
        return events.withinSensor(spec.sensorWidth(), spec.sensorHeight());
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

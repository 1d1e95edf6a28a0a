package io.matterhorn.conformance;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.matterhorn.data.events.FrameBinner;
import io.matterhorn.data.events.FrameSpec;
import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.TimeBinning;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Kind {@code event_binning}: events {@code [n, 4]} as {@code (t, p, y, x)} from a {@code P0 x H0 x W0} sensor
 * ({@code params.sensor}) binned into {@code [T, P, H, W]} frames with the original's stretch rule
 * ({@code t -= min t; t_bin = floor(t*T/(t_max+1))}, floor-scaled p/y/x, value 1 or the count), through
 * {@link FrameBinner}; compares {@code frames}.
 */
final class EventBinningCases implements KindHandler {
    @Override
    public Outcome run(CaseFile c) {
        JsonObject p = c.params();
        JsonArray sensor = p.getAsJsonArray("sensor");
        if (sensor.get(0).getAsInt() != 2) {
            throw new AssertionError("event_binning: only two-polarity sensors are defined, got " + sensor);
        }
        FrameSpec spec = new FrameSpec(TimeBinning.stretch(p.get("time_steps").getAsInt()),
                p.get("polarity").getAsBoolean(), p.get("height").getAsInt(), p.get("width").getAsInt(),
                sensor.get(1).getAsInt(), sensor.get(2).getAsInt(), p.get("count").getAsBoolean());
        INDArray rows = c.input("events_tpyx");
        float[] flat = rows.dup('c').data().asFloat();
        int n = (int) rows.size(0);
        long[] t = new long[n];
        int[] x = new int[n];
        int[] y = new int[n];
        int[] pol = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = (long) flat[4 * i];
            pol[i] = (int) flat[4 * i + 1];
            y[i] = (int) flat[4 * i + 2];
            x[i] = (int) flat[4 * i + 3];
        }
        float[] frames = FrameBinner.frames(PolarityEvents.of(t, x, y, pol), spec);
        Compare.close(c, "frames", c.expected("frames"), Nd4j.create(frames, spec.shape(), 'c'));
        return Outcome.PASSED;
    }
}

package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import java.util.random.RandomGenerator;

/**
 * Cuts the centre of the sensor (tonic {@code CenterCrop}):
 * <pre>
 * ox = floor((W - width) / 2)   oy = floor((H - height) / 2)
 * keep ox &lt;= x &lt; ox + width and oy &lt;= y &lt; oy + height;   x' = x - ox,  y' = y - oy
 * </pre>
 * Deterministic; the output grid is {@code width x height}.
 *
 * @param width  columns kept, {@code >= 1} and at most the sensor width
 * @param height rows kept, {@code >= 1} and at most the sensor height
 */
public record CenterCrop(int width, int height) implements EventTransform {

    /**
     * Validates the size.
     *
     * @param width columns kept, {@code >= 1} and at most the sensor width
     * @param height rows kept, {@code >= 1} and at most the sensor height
     * @throws IllegalArgumentException if a side is below 1
     */
    public CenterCrop {
        Crops.checkSize("CenterCrop", width, height);
    }

    @Override
    public PolarityEvents apply(PolarityEvents events, SensorSize sensor, RandomGenerator random) {
        Crops.check("CenterCrop", width, height, sensor);
        return Crops.cut(events, (sensor.width() - width) / 2, (sensor.height() - height) / 2, width, height);
    }

    @Override
    public SensorSize outputSize(SensorSize input) {
        return new SensorSize(width, height);
    }
}

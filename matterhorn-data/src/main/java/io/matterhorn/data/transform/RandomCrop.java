package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import java.util.random.RandomGenerator;

/**
 * Cuts a window at a random place (tonic {@code RandomCrop}):
 * <pre>
 * ox = random.nextInt(W - width + 1)   then   oy = random.nextInt(H - height + 1)
 * keep ox &lt;= x &lt; ox + width and oy &lt;= y &lt; oy + height;   x' = x - ox,  y' = y - oy
 * </pre>
 * The output grid is {@code width x height}.
 *
 * @param width  columns kept, {@code >= 1} and at most the sensor width
 * @param height rows kept, {@code >= 1} and at most the sensor height
 */
public record RandomCrop(int width, int height) implements EventTransform {

    /**
     * Validates the size.
     *
     * @param width columns kept, {@code >= 1} and at most the sensor width
     * @param height rows kept, {@code >= 1} and at most the sensor height
     * @throws IllegalArgumentException if a side is below 1
     */
    public RandomCrop {
        Crops.checkSize("RandomCrop", width, height);
    }

    @Override
    public PolarityEvents apply(PolarityEvents events, SensorSize sensor, RandomGenerator random) {
        Crops.check("RandomCrop", width, height, sensor);
        int ox = random.nextInt(sensor.width() - width + 1);
        int oy = random.nextInt(sensor.height() - height + 1);
        return Crops.cut(events, ox, oy, width, height);
    }

    @Override
    public SensorSize outputSize(SensorSize input) {
        return new SensorSize(width, height);
    }
}

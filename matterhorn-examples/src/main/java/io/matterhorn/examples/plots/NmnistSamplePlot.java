package io.matterhorn.examples.plots;

import io.matterhorn.data.neuromorphic.NMNIST;
import io.matterhorn.plot.EventFramePlot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The picture of {@code nmnist --plot DIR}: the frames of one test sample as a grid and as an animated GIF. */
public final class NmnistSamplePlot {

    private NmnistSamplePlot() {
    }

    /**
     * Writes {@code nmnist-sample-grid.png} and {@code nmnist-sample.gif} for one sample.
     *
     * @param data   the data set
     * @param sample the sample index
     * @param dir    the folder
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(NMNIST data, int sample, Path dir) throws IOException {
        long[] shape = data.sampleShape();
        float[] frames = new float[data.featureSize()];
        data.copyFeatures(sample, frames, 0);
        int tiles = (int) Math.min(16, shape[0]);
        String title = "N-MNIST " + data.options().split() + " sample " + sample + ", digit " + data.label(sample)
                + ": " + shape[0] + " time bins in " + tiles + " tiles";
        Path grid = EventFramePlot.grid(frames, shape, tiles, 8, 5, dir.resolve("nmnist-sample-grid.png"), title);
        Path gif = EventFramePlot.gif(frames, shape, tiles, 8, 150, dir.resolve("nmnist-sample.gif"));
        return List.of(grid, gif);
    }
}

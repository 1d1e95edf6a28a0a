package io.matterhorn.examples.stdp;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes the rows of a weight matrix {@code W [n, h*w]} as a grayscale PNG grid of {@code h x w} tiles (one per
 * neuron, row-major, {@code columns} per row), separated by a 1-pixel black border. Each tile is min-max
 * normalised on its own: its smallest weight is black, its largest white (a constant tile is mid-gray).
 */
final class ReceptiveFieldImage {
    private ReceptiveFieldImage() {
    }

    /**
     * @param weights W, flat row-major [n, height * width]
     * @param n number of tiles (rows of W)
     * @param height tile height
     * @param width tile width
     * @param columns tiles per grid row
     * @param scale pixels per weight (nearest-neighbour enlargement)
     * @param file where to write; parent folders are created
     * @throws IOException if the file cannot be written
     */
    static void write(float[] weights, int n, int height, int width, int columns, int scale, Path file)
            throws IOException {
        if (weights.length != n * height * width) {
            throw new IllegalArgumentException("receptive fields: " + weights.length + " weights, expected [" + n
                    + ", " + height * width + "]");
        }
        int rows = (n + columns - 1) / columns;
        int tileW = width * scale;
        int tileH = height * scale;
        BufferedImage img = new BufferedImage(columns * (tileW + 1) + 1, rows * (tileH + 1) + 1,
                BufferedImage.TYPE_BYTE_GRAY);
        for (int k = 0; k < n; k++) {
            int off = k * height * width;
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int p = 0; p < height * width; p++) {
                min = Math.min(min, weights[off + p]);
                max = Math.max(max, weights[off + p]);
            }
            int x0 = 1 + (k % columns) * (tileW + 1);
            int y0 = 1 + (k / columns) * (tileH + 1);
            for (int y = 0; y < tileH; y++) {
                for (int x = 0; x < tileW; x++) {
                    float v = weights[off + (y / scale) * width + x / scale];
                    int g = max > min ? Math.round(255 * (v - min) / (max - min)) : 128;
                    img.getRaster().setSample(x0 + x, y0 + y, 0, g);
                }
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}

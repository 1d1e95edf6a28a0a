package io.matterhorn.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Writing images and charts to PNG files, headless. */
final class Images {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Images() {
    }

    /** Renders a chart into an image. */
    static BufferedImage render(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Writes an image as PNG, creating the parent folder. */
    static Path png(BufferedImage image, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
        return file;
    }

    /** Writes a chart as PNG. */
    static Path png(Chart<?, ?> chart, Path file) throws IOException {
        return png(render(chart), file);
    }

    /** Checks a shape against the data length and returns the product. */
    static int checkShape(String owner, float[] data, long[] shape, int rank) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(shape, "shape");
        if (shape.length != rank) {
            throw new IllegalArgumentException(owner + ": expected a shape of rank " + rank + ", got "
                    + java.util.Arrays.toString(shape));
        }
        long n = 1;
        for (long d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException(owner + ": bad shape " + java.util.Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(owner + ": shape " + java.util.Arrays.toString(shape) + " holds " + n
                    + " values, the data has " + data.length);
        }
        return (int) n;
    }

    /** Returns the values of an ND4J array in C order. */
    static float[] values(org.nd4j.linalg.api.ndarray.INDArray a) {
        return a.dup('c').castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat();
    }
}

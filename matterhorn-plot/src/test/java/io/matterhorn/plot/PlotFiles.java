package io.matterhorn.plot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Where the plot tests write (kept under target/ so the pictures can be looked at) and how they read back. */
final class PlotFiles {

    static final Path DIR = Path.of("target", "plot-tests");

    private PlotFiles() {
    }

    static Path file(String name) {
        return DIR.resolve(name);
    }

    static BufferedImage read(Path file) throws IOException {
        assertTrue(Files.size(file) > 0, file + " is empty");
        BufferedImage img = ImageIO.read(file.toFile());
        assertTrue(img != null, file + " is not a readable image");
        return img;
    }

    /** Counts pixels whose colour is within {@code tol} of {@code rgb} per channel. */
    static int count(BufferedImage img, int rgb, int tol) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y);
                if (Math.abs(((c >> 16) & 255) - ((rgb >> 16) & 255)) <= tol
                        && Math.abs(((c >> 8) & 255) - ((rgb >> 8) & 255)) <= tol
                        && Math.abs((c & 255) - (rgb & 255)) <= tol) {
                    n++;
                }
            }
        }
        return n;
    }
}

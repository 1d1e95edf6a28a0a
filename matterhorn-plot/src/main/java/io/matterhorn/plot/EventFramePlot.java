package io.matterhorn.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Event frames {@code [T, P, H, W]} as pictures: a grid of tiles (one per group of time bins) or an animated GIF
 * (one picture per group). A cell is coloured by its channel, ON blue, OFF red, merged polarity green, in 8
 * levels from grey to the full colour by its count relative to the largest count of its channel in the picture
 * (the original's palette); a cell with both polarities takes the polarity with more events; empty cells are white.
 * Drawn
 * directly: each sensor pixel becomes a {@code scale x scale} square.
 */
public final class EventFramePlot {

    private EventFramePlot() {
    }

    /**
     * Writes a grid of tiles; tile {@code k} of {@code tiles} sums time bins
     * {@code [k * T / tiles, (k + 1) * T / tiles)}.
     *
     * @param frames  the frames, {@code T * P * H * W} values in C order
     * @param shape   {@code [T, P, H, W]}, {@code P} 1 or 2
     * @param tiles   number of tiles, in {@code [1, T]}
     * @param columns tiles per row, {@code >= 1}
     * @param scale   screen pixels per sensor pixel, {@code >= 1}
     * @param file    the PNG to write
     * @param title   the title above the grid
     * @return {@code file}
     * @throws IllegalArgumentException if the shape does not fit or an argument is out of range
     * @throws IOException              if the file cannot be written
     */
    public static Path grid(float[] frames, long[] shape, int tiles, int columns, int scale, Path file,
                            String title) throws IOException {
        List<float[]> groups = groups(frames, shape, tiles, scale, columns);
        int p = (int) shape[1];
        int h = (int) shape[2];
        int w = (int) shape[3];
        int steps = (int) shape[0];
        int rows = (tiles + columns - 1) / columns;
        int gap = 8;
        int label = 16;
        int top = 30;
        int tw = w * scale;
        int th = h * scale;
        int width = Math.max(columns * (tw + gap) + gap, 200);
        int height = top + rows * (th + label + gap) + gap;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title == null ? "" : title, gap, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int k = 0; k < tiles; k++) {
            int x0 = gap + (k % columns) * (tw + gap);
            int y0 = top + (k / columns) * (th + label + gap);
            g.setColor(Color.DARK_GRAY);
            int from = k * steps / tiles;
            int to = (k + 1) * steps / tiles;
            g.drawString(to - from == 1 ? "t = " + from : "t = " + from + ".." + (to - 1), x0, y0 + 12);
            paint(img, groups.get(k), p, h, w, scale, x0, y0 + label);
            g.setColor(Color.LIGHT_GRAY);
            g.drawRect(x0 - 1, y0 + label - 1, tw + 1, th + 1);
        }
        g.dispose();
        return Images.png(img, file);
    }

    /**
     * Writes a grid of the frames of an ND4J array {@code [T, P, H, W]}.
     *
     * @param frames  {@code [T, P, H, W]}
     * @param tiles   number of tiles
     * @param columns tiles per row
     * @param scale   screen pixels per sensor pixel
     * @param file    the PNG to write
     * @param title   the title
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public static Path grid(INDArray frames, int tiles, int columns, int scale, Path file, String title)
            throws IOException {
        return grid(Images.values(frames), frames.shape(), tiles, columns, scale, file, title);
    }

    /**
     * Writes an animated GIF with one picture per group of time bins, looping forever.
     *
     * @param frames      the frames, {@code T * P * H * W} values in C order
     * @param shape       {@code [T, P, H, W]}
     * @param pictures    number of pictures, in {@code [1, T]}
     * @param scale       screen pixels per sensor pixel, {@code >= 1}
     * @param delayMillis time each picture is shown, {@code >= 10}
     * @param file        the GIF to write
     * @return {@code file}
     * @throws IllegalArgumentException if the shape does not fit or an argument is out of range
     * @throws IOException              if the file cannot be written
     */
    public static Path gif(float[] frames, long[] shape, int pictures, int scale, int delayMillis, Path file)
            throws IOException {
        if (delayMillis < 10) {
            throw new IllegalArgumentException("EventFramePlot.gif: delayMillis must be >= 10, got " + delayMillis);
        }
        List<float[]> groups = groups(frames, shape, pictures, scale, 1);
        int p = (int) shape[1];
        int h = (int) shape[2];
        int w = (int) shape[3];
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            writer.prepareWriteSequence(null);
            for (int k = 0; k < pictures; k++) {
                BufferedImage img = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, img.getWidth(), img.getHeight());
                g.dispose();
                paint(img, groups.get(k), p, h, w, scale, 0, 0);
                IIOMetadata meta = writer.getDefaultImageMetadata(
                        ImageTypeSpecifier.createFromRenderedImage(img), param);
                animate(meta, delayMillis, k == 0);
                writer.writeToSequence(new IIOImage(img, null, meta), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return file;
    }

    /** Sets the picture's delay and, on the first picture, the NETSCAPE loop extension (loop forever). */
    private static void animate(IIOMetadata meta, int delayMillis, boolean first) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delayMillis / 10));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0});
            apps.appendChild(app);
        }
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    /** Sums the time bins of each group: {@code [P * H * W]} per group. */
    private static List<float[]> groups(float[] frames, long[] shape, int groups, int scale, int columns) {
        Images.checkShape("EventFramePlot", frames, shape, 4);
        int steps = (int) shape[0];
        int p = (int) shape[1];
        if (p != 1 && p != 2) {
            throw new IllegalArgumentException("EventFramePlot: P must be 1 or 2, got " + p);
        }
        if (groups < 1 || groups > steps || scale < 1 || columns < 1) {
            throw new IllegalArgumentException("EventFramePlot: need 1 <= groups (" + groups + ") <= T (" + steps
                    + "), scale >= 1 (" + scale + "), columns >= 1 (" + columns + ")");
        }
        int step = (int) (shape[1] * shape[2] * shape[3]);
        List<float[]> out = new ArrayList<>();
        for (int k = 0; k < groups; k++) {
            float[] sum = new float[step];
            for (int t = k * steps / groups; t < (k + 1) * steps / groups; t++) {
                for (int i = 0; i < step; i++) {
                    sum[i] += frames[t * step + i];
                }
            }
            out.add(sum);
        }
        return out;
    }

    /** Paints summed counts {@code [P, H, W]} at {@code (x0, y0)}. */
    static void paint(BufferedImage img, float[] counts, int p, int h, int w, int scale, int x0, int y0) {
        float maxOff = 0;
        float maxOn = 0;
        for (int i = 0; i < h * w; i++) {
            maxOff = Math.max(maxOff, counts[i]);
            maxOn = p == 2 ? Math.max(maxOn, counts[h * w + i]) : 0;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float off = counts[y * w + x];
                float on = p == 2 ? counts[h * w + y * w + x] : 0;
                if (off <= 0 && on <= 0) {
                    continue;
                }
                Color c = p == 1 ? Colors.level(Colors.MERGED, off, maxOff)
                        : on >= off ? Colors.level(Colors.ON, on, maxOn) : Colors.level(Colors.OFF, off, maxOff);
                int rgb = c.getRGB();
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        img.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                    }
                }
            }
        }
    }
}

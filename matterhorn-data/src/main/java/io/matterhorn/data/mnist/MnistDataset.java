package io.matterhorn.data.mnist;

import io.matterhorn.data.Dataset;
import io.matterhorn.data.idx.IdxArray;
import io.matterhorn.data.idx.IdxFormatException;
import io.matterhorn.data.idx.IdxReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MNIST-style handwritten digits: grey-scale images with labels 0 to 9, held in memory as unsigned bytes.
 *
 * <p>As a {@link Dataset}, each sample has shape {@code [1, height, width]} (one channel, like torchvision's
 * {@code ToTensor}) and its features are the pixel values divided by 255, so they lie in {@code [0, 1]}.
 *
 * <p>Instances are immutable and thread-safe. Obtain one with {@link #bundled(boolean)} (the 10,000-digit sample
 * shipped with this module), {@link #fromDirectory(Path, boolean)} (the standard MNIST file names),
 * {@link #load(Path, Path)} (any pair of IDX files) or {@link #fromIdx(IdxArray, IdxArray)}.
 */
public final class MnistDataset implements Dataset {

    /** Number of digit classes. */
    public static final int NUM_CLASSES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(MnistDataset.class);

    private static final String RESOURCE_DIR = "/io/matterhorn/data/mnist10k/";

    /** {@code UNIT[v] == v / 255f}: maps a raw pixel to {@code [0, 1]}. */
    private static final float[] UNIT = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            UNIT[v] = v / 255f;
        }
    }

    private final byte[] pixels;
    private final byte[] labels;
    private final int size;
    private final int height;
    private final int width;
    private final String description;

    private MnistDataset(IdxArray images, IdxArray labels, String description) {
        this.pixels = images.toByteArray();
        this.labels = labels.toByteArray();
        this.size = images.dim(0);
        this.height = images.dim(1);
        this.width = images.dim(2);
        this.description = description;
    }

    /**
     * Loads a data set from an images IDX file ({@code [n, rows, cols]}, magic {@code 0x00000803}) and a labels IDX
     * file ({@code [n]}, magic {@code 0x00000801}), each plain or gzip-compressed.
     *
     * @param imagesIdx the images file
     * @param labelsIdx the labels file
     * @return the data set
     * @throws IdxFormatException if a file is malformed, the counts differ, or a label is outside 0..9
     * @throws IOException        if a file cannot be read
     */
    public static MnistDataset load(Path imagesIdx, Path labelsIdx) throws IOException {
        Objects.requireNonNull(imagesIdx, "imagesIdx");
        Objects.requireNonNull(labelsIdx, "labelsIdx");
        IdxArray images = IdxReader.read(imagesIdx, 3);
        IdxArray labels = IdxReader.read(labelsIdx, 1);
        check(images, labels, imagesIdx.toString(), labelsIdx.toString());
        LOG.debug("Loaded {} MNIST images of {}x{} from {}", images.dim(0), images.dim(1), images.dim(2), imagesIdx);
        return new MnistDataset(images, labels, imagesIdx + " + " + labelsIdx);
    }

    /**
     * Loads one split from a directory holding files with the standard MNIST names: {@code train-images-idx3-ubyte}
     * and {@code train-labels-idx1-ubyte} for training, {@code t10k-...} or {@code test-...} for test, each with or
     * without a {@code .gz} suffix (the variant {@code train-images.idx3-ubyte} is also accepted).
     *
     * @param dir   the directory
     * @param train {@code true} for the training split, {@code false} for the test split
     * @return the data set
     * @throws java.nio.file.NoSuchFileException if no matching file exists; the message lists every name tried
     * @throws IdxFormatException                if a file is malformed or the pair is inconsistent
     * @throws IOException                       if a file cannot be read
     */
    public static MnistDataset fromDirectory(Path dir, boolean train) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Path images = MnistFiles.find(dir, train, "images");
        Path labels = MnistFiles.find(dir, train, "labels");
        return load(images, labels);
    }

    /**
     * Downloads the full MNIST into {@code dir}: the four standard files {@code train-images-idx3-ubyte.gz},
     * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz} and {@code t10k-labels-idx1-ubyte.gz}
     * from {@link MnistDownload#MIRROR}, each checked against its published MD5, resuming interrupted downloads
     * and skipping files already present. Then {@link #fromDirectory(Path, boolean)} loads them.
     *
     * @param dir the folder (created if needed)
     * @return {@code dir}
     * @throws io.matterhorn.data.download.ChecksumMismatchException if a file has the wrong MD5
     * @throws IOException                                           if the download fails
     */
    public static Path download(Path dir) throws IOException {
        return MnistDownload.download(dir, MnistDownload.resources(MnistDownload.MIRROR));
    }

    /**
     * Loads one split of the 10,000-digit MNIST sample embedded in this module: 8,000 training and 2,000 test
     * images of 28x28 pixels. See {@code io/matterhorn/data/mnist10k/ATTRIBUTION.md} for its origin and licence.
     *
     * @param train {@code true} for the 8,000 training digits, {@code false} for the 2,000 test digits
     * @return the data set
     * @throws UncheckedIOException if the embedded resources are missing or unreadable (a packaging error)
     */
    public static MnistDataset bundled(boolean train) {
        String split = train ? "train" : "test";
        String imagesName = RESOURCE_DIR + split + "-images-idx3-ubyte.gz";
        String labelsName = RESOURCE_DIR + split + "-labels-idx1-ubyte.gz";
        try {
            IdxArray images = readResource(imagesName, 3);
            IdxArray labels = readResource(labelsName, 1);
            check(images, labels, "classpath:" + imagesName, "classpath:" + labelsName);
            return new MnistDataset(images, labels, "bundled MNIST sample (" + split + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled MNIST " + split + " split", e);
        }
    }

    /**
     * Builds a data set from arrays already in memory.
     *
     * @param images images of shape {@code [n, rows, cols]}
     * @param labels labels of shape {@code [n]}, each in 0..9
     * @return the data set (the arrays' contents are copied)
     * @throws IllegalArgumentException if the ranks are wrong, the counts differ, or a label is outside 0..9
     */
    public static MnistDataset fromIdx(IdxArray images, IdxArray labels) {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        if (images.rank() != 3) {
            throw new IllegalArgumentException("images must have 3 dimensions [n, rows, cols], got " + images);
        }
        if (labels.rank() != 1) {
            throw new IllegalArgumentException("labels must have 1 dimension [n], got " + labels);
        }
        try {
            check(images, labels, "images", "labels");
        } catch (IdxFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new MnistDataset(images, labels, "in-memory MNIST data");
    }

    private static IdxArray readResource(String name, int rank) throws IOException {
        try (InputStream in = MnistDataset.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new FileNotFoundException("classpath resource " + name + " not found");
            }
            return IdxReader.read(in, "classpath:" + name, rank);
        }
    }

    /** Checks that images and labels (of ranks 3 and 1) agree in count and that labels are digits. */
    private static void check(IdxArray images, IdxArray labels, String imagesName, String labelsName)
            throws IdxFormatException {
        int imageCount = images.dim(0);
        int labelCount = labels.dim(0);
        if (imageCount != labelCount) {
            throw new IdxFormatException(imagesName + " + " + labelsName, "count mismatch: " + imageCount
                    + " images but " + labelCount + " labels");
        }
        if (imageCount > 0 && (images.dim(1) == 0 || images.dim(2) == 0)) {
            throw new IdxFormatException(imagesName, "images have an empty size " + images.dim(1) + "x"
                    + images.dim(2));
        }
        for (int i = 0; i < labelCount; i++) {
            int label = labels.unsigned(i);
            if (label >= NUM_CLASSES) {
                throw new IdxFormatException(labelsName, "label at index " + i + " is " + label
                        + "; MNIST labels must be 0..9");
            }
        }
    }

    /**
     * Returns the number of images.
     *
     * @return the number of images (and labels)
     */
    @Override
    public int size() {
        return size;
    }

    /**
     * Returns the image height in pixels (28 for MNIST).
     *
     * @return the number of pixel rows
     */
    public int imageHeight() {
        return height;
    }

    /**
     * Returns the image width in pixels (28 for MNIST).
     *
     * @return the number of pixel columns
     */
    public int imageWidth() {
        return width;
    }

    /**
     * Returns the sample shape {@code [1, height, width]}.
     *
     * @return a fresh shape array
     */
    @Override
    public long[] sampleShape() {
        return new long[] {1, height, width};
    }

    /**
     * Returns the number of pixels per image.
     *
     * @return {@code height * width}
     */
    @Override
    public int featureSize() {
        return height * width;
    }

    /**
     * Returns the digit shown by one image.
     *
     * @param index the image index, in {@code [0, size())}
     * @return the label, in {@code [0, 9]}
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    @Override
    public int label(int index) {
        checkIndex(index);
        return labels[index];
    }

    /**
     * Returns all labels.
     *
     * @return a fresh array of {@link #size()} labels, each in {@code [0, 9]}
     */
    public int[] labels() {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = labels[i];
        }
        return out;
    }

    /**
     * Counts the images of each digit.
     *
     * @return a fresh array of {@link #NUM_CLASSES} counts, indexed by digit
     */
    public int[] classCounts() {
        int[] counts = new int[NUM_CLASSES];
        for (int i = 0; i < size; i++) {
            counts[labels[i]]++;
        }
        return counts;
    }

    /**
     * Returns one raw pixel value.
     *
     * @param index the image index, in {@code [0, size())}
     * @param row   the pixel row, in {@code [0, imageHeight())}
     * @param col   the pixel column, in {@code [0, imageWidth())}
     * @return the grey level, in {@code [0, 255]} (0 is background)
     * @throws IndexOutOfBoundsException if any argument is out of range
     */
    public int pixel(int index, int row, int col) {
        checkIndex(index);
        if (row < 0 || row >= height || col < 0 || col >= width) {
            throw new IndexOutOfBoundsException("pixel (" + row + ", " + col + ") outside the " + height + "x"
                    + width + " image");
        }
        return pixels[(index * height + row) * width + col] & 0xFF;
    }

    /**
     * Writes one image into {@code dst} as {@code height * width} floats in row-major order, each pixel divided by
     * 255 so values lie in {@code [0, 1]}.
     *
     * @param index     the image index, in {@code [0, size())}
     * @param dst       the destination array
     * @param dstOffset where the first pixel goes
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalArgumentException  if {@code dst} has no room for the image at {@code dstOffset}
     */
    public void copyImage(int index, float[] dst, int dstOffset) {
        checkIndex(index);
        int n = height * width;
        if (dstOffset < 0 || dstOffset > dst.length - n) {
            throw new IllegalArgumentException("dst (length " + dst.length + ") has no room for " + n
                    + " pixels at dstOffset " + dstOffset);
        }
        int src = index * n;
        for (int k = 0; k < n; k++) {
            dst[dstOffset + k] = UNIT[pixels[src + k] & 0xFF];
        }
    }

    /**
     * Returns one image as floats in {@code [0, 1]}; see {@link #copyImage(int, float[], int)}.
     *
     * @param index the image index, in {@code [0, size())}
     * @return a fresh array of {@code height * width} values
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public float[] image(int index) {
        float[] out = new float[height * width];
        copyImage(index, out, 0);
        return out;
    }

    /**
     * Same as {@link #copyImage(int, float[], int)}.
     *
     * @param index  the image index, in {@code [0, size())}
     * @param dst    the destination array
     * @param offset where the first pixel goes
     */
    @Override
    public void copyFeatures(int index, float[] dst, int offset) {
        copyImage(index, dst, offset);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("image index " + index + " out of range [0, " + size + ")");
        }
    }

    /**
     * Describes the data set by origin, size and image size.
     *
     * @return a short human-readable description
     */
    @Override
    public String toString() {
        return "MnistDataset[" + description + ", " + size + " images of " + height + "x" + width + "]";
    }
}

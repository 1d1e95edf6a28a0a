package io.matterhorn.data.mnist;

import static io.matterhorn.data.IdxTestFiles.writeImages;
import static io.matterhorn.data.IdxTestFiles.writeLabels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.IdxTestFiles;
import io.matterhorn.data.idx.IdxArray;
import io.matterhorn.data.idx.IdxFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDatasetTest {

    /** Published class counts of the 10,000 bundled digits, for digits 0..9. */
    private static final int[] PUBLISHED_COUNTS = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};

    private static MnistDataset train;
    private static MnistDataset test;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadBundled() {
        train = MnistDataset.bundled(true);
        test = MnistDataset.bundled(false);
    }

    @Test
    void bundledSizes() {
        assertEquals(8000, train.size());
        assertEquals(2000, test.size());
        for (MnistDataset d : new MnistDataset[] {train, test}) {
            assertEquals(28, d.imageHeight());
            assertEquals(28, d.imageWidth());
            assertArrayEquals(new long[] {1, 28, 28}, d.sampleShape());
            assertEquals(784, d.featureSize());
            assertEquals(d.size(), d.labels().length);
        }
    }

    @Test
    void bundledClassCountsMatchPublishedNumbers() {
        int[] counts = new int[10];
        for (MnistDataset d : new MnistDataset[] {train, test}) {
            for (int label : d.labels()) {
                assertTrue(label >= 0 && label <= 9, "label " + label);
                counts[label]++;
            }
        }
        assertArrayEquals(PUBLISHED_COUNTS, counts);
        int[] viaClassCounts = new int[10];
        for (int c = 0; c < 10; c++) {
            viaClassCounts[c] = train.classCounts()[c] + test.classCounts()[c];
        }
        assertArrayEquals(PUBLISHED_COUNTS, viaClassCounts);
    }

    @Test
    void pixelRangeAndConsistency() {
        float[] img = new float[784 + 5];
        float max = 0f;
        float min = 1f;
        for (int i = 0; i < train.size(); i += 97) {
            train.copyImage(i, img, 5);
            float sum = 0f;
            for (int k = 0; k < 784; k++) {
                float v = img[5 + k];
                assertTrue(v >= 0f && v <= 1f, "pixel " + k + " of image " + i + " is " + v);
                assertEquals(train.pixel(i, k / 28, k % 28) / 255f, v, 0f);
                max = Math.max(max, v);
                min = Math.min(min, v);
                sum += v;
            }
            assertTrue(sum > 10f, "image " + i + " is almost blank");
            assertEquals(train.label(i), train.labels()[i]);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        float[] viaDataset = new float[784];
        train.copyFeatures(3, viaDataset, 0);
        assertArrayEquals(train.image(3), viaDataset, 0f);
    }

    @Test
    void copyImageValidatesArguments() {
        assertThrows(IndexOutOfBoundsException.class, () -> train.copyImage(8000, new float[784], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> train.copyImage(-1, new float[784], 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> train.copyImage(0, new float[784], 1));
        assertTrue(e.getMessage().contains("dstOffset 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> train.copyImage(0, new float[784], -1));
        assertThrows(IndexOutOfBoundsException.class, () -> train.pixel(0, 28, 0));
    }

    @Test
    void loadFromFiles() throws IOException {
        Path images = writeImages(tmp.resolve("imgs"), 4, 3, 2);
        Path labels = writeLabels(tmp.resolve("lbls"), 7, 0, 9, 3);
        MnistDataset d = MnistDataset.load(images, labels);
        assertEquals(4, d.size());
        assertEquals(3, d.imageHeight());
        assertEquals(2, d.imageWidth());
        assertArrayEquals(new int[] {7, 0, 9, 3}, d.labels());
        // pixel k of the file is k % 256; image 2, row 1, col 1 is element 2*6 + 1*2 + 1 = 15
        assertEquals(15, d.pixel(2, 1, 1));
        float[] img = d.image(3);
        for (int k = 0; k < 6; k++) {
            assertEquals((18 + k) / 255f, img[k], 0f);
        }
    }

    @Test
    void countMismatchNamesBothCounts() throws IOException {
        Path images = writeImages(tmp.resolve("imgs"), 5, 2, 2);
        Path labels = writeLabels(tmp.resolve("lbls"), 1, 2, 3, 4);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistDataset.load(images, labels));
        assertTrue(e.getMessage().contains("5 images but 4 labels"), e.getMessage());
        IllegalArgumentException iae = assertThrows(IllegalArgumentException.class, () -> MnistDataset.fromIdx(
                new IdxArray(new int[] {5, 2, 2}, new byte[20]), new IdxArray(new int[] {4}, new byte[4])));
        assertTrue(iae.getMessage().contains("5 images but 4 labels"), iae.getMessage());
    }

    @Test
    void labelAboveNineNamesIndex() throws IOException {
        Path images = writeImages(tmp.resolve("imgs"), 4, 2, 2);
        Path labels = writeLabels(tmp.resolve("lbls"), 1, 2, 12, 4);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistDataset.load(images, labels));
        assertTrue(e.getMessage().contains("index 2 is 12"), e.getMessage());
        assertTrue(e.getMessage().startsWith(labels.toString()), e.getMessage());
    }

    @Test
    void wrongFileKindIsRejected() throws IOException {
        Path images = writeImages(tmp.resolve("imgs"), 4, 2, 2);
        Path labels = writeLabels(tmp.resolve("lbls"), 1, 2, 3, 4);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistDataset.load(labels, images));
        assertTrue(e.getMessage().contains("0x00000803"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MnistDataset.fromIdx(
                new IdxArray(new int[] {4}, new byte[4]), new IdxArray(new int[] {4}, new byte[4])));
    }

    @Test
    void fromDirectoryFindsStandardNames() throws IOException {
        copyResource("test-images-idx3-ubyte.gz", tmp.resolve("t10k-images-idx3-ubyte.gz"));
        copyResource("test-labels-idx1-ubyte.gz", tmp.resolve("t10k-labels-idx1-ubyte.gz"));
        MnistDataset d = MnistDataset.fromDirectory(tmp, false);
        assertEquals(2000, d.size());
        assertArrayEquals(test.labels(), d.labels());
        assertArrayEquals(test.image(1999), d.image(1999), 0f);

        Path other = Files.createDirectory(tmp.resolve("other"));
        writeImages(other.resolve("train-images-idx3-ubyte"), 3, 2, 2);
        Files.write(other.resolve("train-labels-idx1-ubyte.gz"),
                IdxTestFiles.gzip(IdxTestFiles.idx(new int[] {3}, new byte[] {4, 5, 6})));
        assertArrayEquals(new int[] {4, 5, 6}, MnistDataset.fromDirectory(other, true).labels());
    }

    @Test
    void fromDirectoryListsNamesTried() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MnistDataset.fromDirectory(tmp, false));
        for (String name : new String[] {"t10k-images-idx3-ubyte", "t10k-images-idx3-ubyte.gz",
                "test-images-idx3-ubyte", "test-images-idx3-ubyte.gz"}) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertThrows(NoSuchFileException.class, () -> MnistDataset.fromDirectory(tmp.resolve("missing"), true));
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = MnistDataset.class.getResourceAsStream("/io/matterhorn/data/mnist10k/" + name)) {
            Files.copy(in, target);
        }
    }
}

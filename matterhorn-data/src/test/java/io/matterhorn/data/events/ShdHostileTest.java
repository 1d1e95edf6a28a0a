package io.matterhorn.data.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crafted hostile SHD files (see fixtures/make_shd_hostile.py): each is refused with EventFormatException. */
class ShdHostileTest {

    private static Path hostile(String name) throws URISyntaxException {
        return Path.of(ShdHostileTest.class.getResource("/fixtures/shd/hostile/" + name).toURI());
    }

    private static EventFormatException refused(Path file, String expected) {
        EventFormatException e = assertThrows(EventFormatException.class, () -> ShdFileReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e;
    }

    @Test
    void softLinkToItselfAndLinkLoopsAreRefusedWithoutStackOverflow() throws Exception {
        refused(hostile("labels_self_link.h5"), "does not resolve within");
        refused(hostile("labels_link_loop.h5"), "does not resolve within");
        refused(hostile("labels_external.h5"), "external link");
    }

    @Test
    void declaredSizesAreCheckedBeforeReadingData() throws Exception {
        assertTrue(Files.size(hostile("labels_huge.h5")) < 16 * 1024);
        refused(hostile("labels_huge.h5"), "/labels 400000000");
        refused(hostile("times_huge.h5"), "declares 100000000 samples, more than a file of");
    }

    @Test
    void negativeUnitsAndLabelsBeyondTheClassesAreRefused() throws Exception {
        refused(hostile("units_negative.h5"), "negative unit -5");
        refused(hostile("label_too_large.h5"), "label 25; SHD labels are in [0, 20)");
    }

    @Test
    void contentsRefuseNegativeUnitsToo() {
        ShdFileReader.Contents c = new ShdFileReader.Contents(new float[][] {{0.1f, 0.2f}}, new int[][] {{3, -5}},
                new int[] {1});
        EventFormatException e = assertThrows(EventFormatException.class, () -> c.events(0, 1e9, "made"));
        assertTrue(e.getMessage().contains("negative unit -5"), e.getMessage());
    }

    @Test
    void justTheSignatureIsAnEventFormatException(@TempDir Path dir) throws IOException {
        byte[] signature = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
        Path file = Files.write(dir.resolve("sig.h5"), signature);
        refused(file, "");
        Path empty = Files.write(dir.resolve("empty.h5"), new byte[0]);
        refused(empty, "");
    }

    @Test
    void bytesDeletedInTheMiddleAreDetectedAsTruncation(@TempDir Path dir) throws Exception {
        byte[] good = Files.readAllBytes(ShdFileReaderTest.fixture("shd_train.h5"));
        for (int cut : new int[] {good.length / 3, good.length / 2, good.length - 700}) {
            byte[] bad = new byte[good.length - 64];
            System.arraycopy(good, 0, bad, 0, cut);
            System.arraycopy(good, cut + 64, bad, cut, good.length - cut - 64);
            Path file = Files.write(dir.resolve("cut" + cut + ".h5"), bad);
            refused(file, "truncated or damaged");
        }
        Path tail = Files.write(dir.resolve("tail.h5"), Arrays.copyOf(good, good.length - 1));
        refused(tail, "truncated or damaged");
        // the undamaged file still reads
        assertArrayEquals(new int[] {3, 0, 19, 7}, ShdFileReader.read(ShdFileReaderTest.fixture("shd_train.h5"))
                .labels());
    }
}

package io.matterhorn.data.neuromorphic;

import static io.matterhorn.data.EventFixtures.aedat31;
import static io.matterhorn.data.EventFixtures.aedat31Packet;
import static io.matterhorn.data.EventFixtures.polarityData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.EventFixtures;
import io.matterhorn.data.download.DatasetNotFoundException;
import io.matterhorn.data.events.EventFormatException;
import io.matterhorn.data.events.PolarityEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DVS128GestureTest {

    private static byte[] recording(int x0) {
        byte[] special = aedat31Packet(0, 0, 2, new int[] {polarityData(99, 99, 1, true)}, new int[] {150});
        byte[] polarity = aedat31Packet(1, 0, 6, new int[] {
                polarityData(x0, 1, 1, true),          // t=100, in gesture 1
                polarityData(x0 + 1, 2, 0, true),      // t=150, in gesture 1
                polarityData(x0 + 2, 3, 1, false),     // t=160, invalid
                polarityData(x0 + 3, 4, 1, true),      // t=200, end of gesture 1 (exclusive), start of 2
                polarityData(x0 + 4, 5, 0, true)},     // t=320, after gesture 2
                new int[] {100, 150, 160, 200, 320});
        return aedat31(special, polarity);
    }

    private static byte[] csv(String rows) {
        return ("class,startTime_usec,endTime_usec\n" + rows).getBytes(StandardCharsets.US_ASCII);
    }

    static Path fixtureRoot(Path root) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("DvsGesture/", new byte[0]);
        entries.put("DvsGesture/user24_led.aedat", recording(50));
        entries.put("DvsGesture/user24_led_labels.csv", csv("11,0,1000\n"));
        entries.put("DvsGesture/user01_lab.aedat", recording(10));
        entries.put("DvsGesture/user01_lab_labels.csv", csv("3,100,200\n1,200,300\n3,150,151\n"));
        entries.put("DvsGesture/trials_to_train.txt", "user01_lab.aedat\n".getBytes(StandardCharsets.US_ASCII));
        EventFixtures.tar(root.resolve("DVS128Gesture/raw/DvsGesture.tar.gz"), entries);
        return root;
    }

    @Test
    void eachLabelledSegmentIsCutAndShiftedToZero(@TempDir Path dir) throws IOException {
        Path root = fixtureRoot(dir);
        try (DVS128Gesture d = DVS128Gesture.builder(root).verifyChecksums(false).timeSteps(4).build()) {
            assertEquals(3, d.size());
            assertArrayEquals(new int[] {2, 0, 2}, new int[] {d.label(0), d.label(1), d.label(2)});
            PolarityEvents g1 = d.events(0);
            assertArrayEquals(new long[] {0, 50}, g1.times(), "[100, 200) shifted; invalid and special dropped");
            assertArrayEquals(new int[] {10, 11}, g1.xs(), "no axis flip");
            PolarityEvents g2 = d.events(1);
            assertArrayEquals(new long[] {0}, g2.times());
            assertArrayEquals(new int[] {13}, g2.xs());
            assertArrayEquals(new long[] {0}, d.events(2).times(), "[150, 151)");
            assertEquals(1f, d.frames(0).getFloat(0, 1, 1, 10));
            assertEquals(11, d.numClasses());
        }
        try (DVS128Gesture test = DVS128Gesture.builder(root).verifyChecksums(false).train(false).build()) {
            assertEquals(1, test.size());
            assertEquals(10, test.label(0));
            assertArrayEquals(new long[] {100, 150, 200, 320}, test.events(0).times());
        }
    }

    @Test
    void cannotBeDownloadedSoTheMessageSaysWhatToDo(@TempDir Path dir) {
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
                () -> DVS128Gesture.builder(dir).download(true).build());
        String m = e.getMessage();
        assertTrue(m.contains("cannot be downloaded automatically"), m);
        assertTrue(m.contains("DvsGesture.tar.gz") && m.contains(DVS128Gesture.HOMEPAGE)
                && m.contains(DVS128Gesture.ARCHIVE.md5()), m);
        assertTrue(m.contains(dir.resolve("DVS128Gesture/raw").toAbsolutePath().toString()), m);
    }

    @Test
    void badLabelFileIsAClearError(@TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("DvsGesture/user02_led.aedat", recording(1));
        entries.put("DvsGesture/user02_led_labels.csv", csv("12,0,10\n"));
        EventFixtures.tar(dir.resolve("DVS128Gesture/raw/DvsGesture.tar.gz"), entries);
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> DVS128Gesture.builder(dir).verifyChecksums(false).build());
        assertTrue(e.getMessage().contains("user02_led_labels.csv") && e.getMessage().contains("class 12"),
                e.getMessage());
    }
}

package io.matterhorn.data.neuromorphic;

import static io.matterhorn.data.EventFixtures.aedat2;
import static io.matterhorn.data.EventFixtures.aedat2Event;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.EventFixtures;
import io.matterhorn.data.download.DatasetNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CIFAR10DVSTest {

    /** airplane.zip with files 0..10 whose x encodes the file number; bird by hand; other classes empty. */
    static Path fixtureRoot(Path root) throws IOException {
        Map<String, byte[]> airplane = new LinkedHashMap<>();
        for (int i = 10; i >= 0; i--) {      // written in reverse: the order must come from the names
            airplane.put("airplane/cifar10_airplane_" + i + ".aedat", aedat2(aedat2Event(i, 1, 1, 1000 + i),
                    aedat2Event(i, 2, 0, 500)));
        }
        EventFixtures.zip(root.resolve("CIFAR10DVS/raw/airplane.zip"), airplane);
        for (String c : CIFAR10DVS.CLASSES) {
            Files.createDirectories(root.resolve("CIFAR10DVS/extracted").resolve(c));
        }
        Files.delete(root.resolve("CIFAR10DVS/extracted/airplane"));
        Files.write(root.resolve("CIFAR10DVS/extracted/bird/cifar10_bird_0.aedat"),
                aedat2(aedat2Event(127, 127, 1, 7)));
        return root;
    }

    @Test
    void splitIsTheFirstNinetyPercentInNumericOrder(@TempDir Path dir) throws IOException {
        Path root = fixtureRoot(dir);
        try (CIFAR10DVS train = CIFAR10DVS.builder(root).verifyChecksums(false).timeSteps(2).build();
             CIFAR10DVS test = CIFAR10DVS.builder(root).verifyChecksums(false).train(false).build()) {
            // airplane: 11 files, 10 * pos < 99 -> positions 0..9 train, file 10 test; bird: 1 file, train
            assertEquals(11, train.size());
            List<Integer> xs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                assertEquals(0, train.label(i));
                xs.add(train.events(i).x(0));
            }
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), xs, "numeric, not lexicographic, order");
            assertEquals(2, train.label(10));
            assertEquals(1, test.size());
            assertEquals(10, test.events(0).x(0));
            assertArrayEquals(new long[] {500, 1010}, test.events(0).times(), "sorted by time");
            assertArrayEquals(new long[] {2, 2, 128, 128}, train.sampleShape());
            assertEquals(1f, train.frames(10).getFloat(0, 1, 127, 127));
        }
    }

    @Test
    void splitRuleMatchesTheOriginalCounts() {
        int train = 0;
        for (int p = 0; p < 1000; p++) {
            train += CIFAR10DVS.isTraining(p, 1000) ? 1 : 0;
        }
        assertEquals(900, train);
    }

    @Test
    void missingArchivesAreListed(@TempDir Path dir) {
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
                () -> CIFAR10DVS.builder(dir).build());
        assertTrue(e.getMessage().contains("truck.zip") && e.getMessage().contains("7712839"), e.getMessage());
    }
}

package io.matterhorn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.matterhorn.data.download.Archives;
import io.matterhorn.data.download.CorruptArchiveException;
import io.matterhorn.data.events.Aedat2Reader;
import io.matterhorn.data.events.Aedat31Reader;
import io.matterhorn.data.events.EventFormatException;
import io.matterhorn.data.events.NmnistBinReader;
import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.ShdFileReader;
import io.matterhorn.data.idx.IdxArray;
import io.matterhorn.data.idx.IdxFormatException;
import io.matterhorn.data.idx.IdxReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation runs against every file reader: each damaged input must either be refused with the reader's
 * documented exception or read correctly. "Correctly" means the original data wherever the format carries a
 * checksum (gzip, zip), and data that passes the reader's own checks where it does not (plain IDX, HDF5 without
 * checksums, N-MNIST). Anything else (another exception, an Error, a hang) fails the test. The counts are printed.
 */
class ReaderFuzzTest {

    private static final int RUNS = 300;

    @TempDir
    Path dir;

    private static byte[] sampleIdxData() {
        byte[] data = new byte[6 * 7 * 5];
        new SplittableRandom(5).nextBytes(data);
        return data;
    }

    @Test
    void idxReader() throws IOException {
        byte[] data = sampleIdxData();
        byte[] plain = IdxTestFiles.idx(new int[] {6, 7, 5}, data);
        byte[] gz = IdxTestFiles.gzip(plain);
        SplittableRandom random = new SplittableRandom(1201);
        FuzzTally tally = new FuzzTally("IdxReader");
        for (int i = 0; i < RUNS; i++) {
            boolean compressed = i % 2 == 0;
            byte[] mutated = Mutations.mutate(compressed ? gz : plain, random);
            Path file = Files.write(dir.resolve("m" + i), mutated);
            IdxArray a;
            try {
                a = IdxReader.read(file);
            } catch (IdxFormatException e) {
                assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
                tally.rejected();
                continue;
            } catch (Throwable t) {
                throw new AssertionError("mutation " + i + " raised " + t, t);
            }
            if (Arrays.equals(a.shape(), new int[] {6, 7, 5}) && Arrays.equals(a.toByteArray(), data)) {
                tally.identical();
            } else if (compressed) {
                fail("mutation " + i + ": gzip input read with altered data " + Arrays.toString(a.shape()));
            } else {
                assertEquals(mutated.length, 4 + 4 * a.rank() + a.length(), "plain IDX: the data fills the file");
                tally.altered();
            }
        }
        tally.print();
        assertEquals(RUNS, tally.runs());
    }

    @Test
    void shdReader() throws Exception {
        Path fixture = Path.of(getClass().getResource("/fixtures/shd/shd_train.h5").toURI());
        byte[] good = Files.readAllBytes(fixture);
        ShdFileReader.Contents original = ShdFileReader.read(fixture);
        SplittableRandom random = new SplittableRandom(1202);
        FuzzTally tally = new FuzzTally("ShdFileReader");
        for (int i = 0; i < RUNS; i++) {
            Path file = Files.write(dir.resolve("m" + i + ".h5"), Mutations.mutate(good, random));
            ShdFileReader.Contents c;
            try {
                c = ShdFileReader.read(file);
            } catch (EventFormatException e) {
                assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
                tally.rejected();
                continue;
            } catch (Throwable t) {
                throw new AssertionError("mutation " + i + " raised " + t, t);
            }
            for (int s = 0; s < c.size(); s++) {
                assertEquals(c.times()[s].length, c.units()[s].length);
                assertTrue(c.labels()[s] >= 0 && c.labels()[s] < 20);
                for (int u : c.units()[s]) {
                    assertTrue(u >= 0);
                }
            }
            if (Arrays.equals(c.labels(), original.labels()) && Arrays.deepEquals(c.times(), original.times())
                    && Arrays.deepEquals(c.units(), original.units())) {
                tally.identical();
            } else {
                tally.altered();
            }
        }
        tally.print();
        assertEquals(RUNS, tally.runs());
    }

    /** A decoder of whole event files from bytes. */
    interface Decoder {
        PolarityEvents decode(byte[] bytes, String source) throws EventFormatException;
    }

    private static void fuzzEventDecoder(String name, byte[] good, Decoder decoder, long seed)
            throws EventFormatException {
        PolarityEvents original = decoder.decode(good, "good");
        SplittableRandom random = new SplittableRandom(seed);
        FuzzTally tally = new FuzzTally(name);
        for (int i = 0; i < RUNS; i++) {
            byte[] mutated = Mutations.mutate(good, random);
            PolarityEvents e;
            try {
                e = decoder.decode(mutated, "m" + i);
            } catch (EventFormatException ex) {
                assertTrue(ex.getMessage().startsWith("m" + i + ": "), ex.getMessage());
                tally.rejected();
                continue;
            } catch (Throwable t) {
                throw new AssertionError(name + " mutation " + i + " raised " + t, t);
            }
            for (int k = 0; k < e.size(); k++) {
                assertTrue(e.x(k) >= 0 && e.y(k) >= 0 && (e.polarity(k) == 0 || e.polarity(k) == 1));
            }
            if (Arrays.equals(e.times(), original.times()) && Arrays.equals(e.xs(), original.xs())
                    && Arrays.equals(e.ys(), original.ys()) && Arrays.equals(e.polarities(), original.polarities())) {
                tally.identical();
            } else {
                tally.altered();
            }
        }
        tally.print();
        assertEquals(RUNS, tally.runs());
    }

    @Test
    void nmnistBinReader() throws IOException {
        byte[] good = EventFixtures.concat(EventFixtures.nmnistEvent(1, 2, 1, 10), EventFixtures.nmnistEvent(33, 0, 0,
                20), EventFixtures.nmnistEvent(5, 240, 0, 0), EventFixtures.nmnistEvent(7, 7, 1, 30));
        fuzzEventDecoder("NmnistBinReader", good, NmnistBinReader::decode, 1203);
    }

    @Test
    void aedat2Reader() throws IOException {
        byte[] good = EventFixtures.aedat2(EventFixtures.aedat2Event(1, 2, 1, 100), EventFixtures.aedat2Event(127, 0,
                0, 150), EventFixtures.aedat2Event(64, 64, 1, 151));
        fuzzEventDecoder("Aedat2Reader", good, Aedat2Reader::decodeDvs128, 1206);
    }

    @Test
    void aedat31Reader() throws IOException {
        byte[] polarity = EventFixtures.aedat31Packet(1, 0, 3, new int[] {EventFixtures.polarityData(2, 3, 0, true),
                EventFixtures.polarityData(9, 9, 1, false), EventFixtures.polarityData(4, 5, 1, true)},
                new int[] {20, 21, 22});
        byte[] other = EventFixtures.aedat31Packet(0, 0, 1, new int[] {7}, new int[] {30});
        fuzzEventDecoder("Aedat31Reader", EventFixtures.aedat31(polarity, other), Aedat31Reader::decode, 1207);
    }

    private static Map<String, byte[]> archiveEntries() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        byte[] a = new byte[3000];
        new SplittableRandom(9).nextBytes(a);
        m.put("d/", new byte[0]);
        m.put("d/a.bin", a);
        m.put("d/b.txt", "a small text entry, repeated, repeated, repeated".getBytes());
        m.put("c.bin", new byte[] {1, 2, 3});
        return m;
    }

    @Test
    void archives() throws IOException {
        Map<String, byte[]> entries = archiveEntries();
        List<byte[]> contents = entries.entrySet().stream().filter(e -> !e.getKey().endsWith("/"))
                .map(Map.Entry::getValue).toList();
        byte[] zip = Files.readAllBytes(EventFixtures.zip(dir.resolve("a.zip"), entries));
        byte[] tgz = Files.readAllBytes(EventFixtures.tar(dir.resolve("a.tar.gz"), entries));
        Path gzFile = dir.resolve("g.bin.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzFile))) {
            out.write(entries.get("d/a.bin"));
        }
        byte[] gz = Files.readAllBytes(gzFile);
        SplittableRandom random = new SplittableRandom(1204);
        FuzzTally tally = new FuzzTally("Archives (zip, tar.gz, gz)");
        for (int i = 0; i < RUNS; i++) {
            String suffix = i % 3 == 0 ? ".zip" : i % 3 == 1 ? ".tar.gz" : ".bin.gz";
            byte[] valid = i % 3 == 0 ? zip : i % 3 == 1 ? tgz : gz;
            Path box = Files.createDirectories(dir.resolve("box" + i));
            Path archive = Files.write(box.resolve("m" + suffix), Mutations.mutate(valid, random));
            Path dest = box.resolve("out");
            try {
                Archives.extract(archive, dest);
            } catch (CorruptArchiveException e) {
                assertEquals(List.of(), files(dest), "mutation " + i + ": nothing partial left");
                tally.rejected();
                continue;
            } catch (Throwable t) {
                throw new AssertionError("mutation " + i + " raised " + t, t);
            }
            try (Stream<Path> s = Files.list(box)) {
                assertEquals(2, s.count(), "mutation " + i + ": nothing written beside the destination");
            }
            boolean same = true;
            for (Path f : files(dest)) {
                byte[] got = Files.readAllBytes(f);
                assertTrue(contents.stream().anyMatch(c -> Arrays.equals(c, got)),
                        "mutation " + i + ": " + f + " holds data of no entry");
            }
            List<String> names = files(dest).stream().map(p -> dest.relativize(p).toString()).toList();
            if (i % 3 == 2) {
                same = names.equals(List.of("m.bin"));
            } else {
                same = names.equals(List.of("c.bin", "d/a.bin", "d/b.txt"));
            }
            if (same) {
                tally.identical();
            } else {
                tally.altered(); // names or entry types altered in unchecked metadata; every content is intact
            }
        }
        tally.print();
        assertEquals(RUNS, tally.runs());
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}

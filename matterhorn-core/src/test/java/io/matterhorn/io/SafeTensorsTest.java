package io.matterhorn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The safetensors reader and writer: types, layout, and every kind of malformed file. */
class SafeTensorsTest {
    @TempDir
    Path dir;

    /** Builds a file by hand: u64 header length, the header text, then the given data bytes. */
    private Path raw(String name, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private static byte[] le(int bytesPerValue, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * bytesPerValue).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (bytesPerValue) {
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        return b.array();
    }

    @Test
    void readsAHandWrittenFileWithTheSpecLayout() throws Exception {
        // F32 [2,2] = 1,2,3,4 then I64 [] = 7, offsets relative to the data start
        byte[] f32 = le(4, Float.floatToIntBits(1), Float.floatToIntBits(2), Float.floatToIntBits(3),
                Float.floatToIntBits(4));
        byte[] data = ByteBuffer.allocate(24).put(f32).put(le(8, 7)).array();
        Path p = raw("hand.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"n\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[16,24]},"
                + "\"__metadata__\":{\"k\":\"v\"}}", data);
        SafeTensors.Contents c = SafeTensors.readContents(p);
        assertEquals(List.of("w", "n"), List.copyOf(c.tensors().keySet()));
        assertEquals(Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {2, 2}, 'c'), c.tensors().get("w"));
        assertEquals(0, c.tensors().get("n").rank());
        assertEquals(DataType.LONG, c.tensors().get("n").dataType());
        assertEquals(7L, c.tensors().get("n").getLong(0));
        assertEquals(Map.of("k", "v"), c.metadata());
    }

    @Test
    void halfAndBfloat16AreReadAsFloat32() throws Exception {
        // F16: 1.0 = 0x3C00, -2.0 = 0xC000, 1/3 ~ 0x3555 = 0.333251953125, smallest subnormal 0x0001 = 2^-24
        // BF16: 1.0 = 0x3F80, 3.140625 = 0x4049
        byte[] data = ByteBuffer.allocate(12).put(le(2, 0x3C00, 0xC000, 0x3555, 0x0001)).put(le(2, 0x3F80, 0x4049))
                .array();
        Path p = raw("half.safetensors", "{\"h\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[8,12]}}", data);
        Map<String, INDArray> t = SafeTensors.read(p);
        assertEquals(DataType.FLOAT, t.get("h").dataType());
        assertArrayEquals(new float[] {1f, -2f, 0.333251953125f, 0x1p-24f}, t.get("h").toFloatVector(), 0f);
        assertArrayEquals(new float[] {1f, 3.140625f}, t.get("b").toFloatVector(), 0f);
    }

    @Test
    void everyWritableTypeRoundTripsWithMetadataAndAlignedData() throws Exception {
        Map<String, INDArray> t = new LinkedHashMap<>();
        t.put("f32", Nd4j.create(new float[] {1.5f, -2f, Float.MIN_VALUE, 3e38f, 0f, 7f}, new long[] {2, 3}, 'c'));
        t.put("f64", Nd4j.createFromArray(Math.PI, -0.0, 1e-300));
        t.put("i64", Nd4j.createFromArray(Long.MIN_VALUE, Long.MAX_VALUE));
        t.put("i32", Nd4j.createFromArray(new int[] {Integer.MIN_VALUE, 5}));
        t.put("i16", Nd4j.createFromArray(new short[] {-300, 300}));
        t.put("i8", Nd4j.createFromArray(new byte[] {-128, 127}));
        t.put("u8", Nd4j.createFromArray(new int[] {0, 255, 17}).castTo(DataType.UBYTE));
        t.put("bool", Nd4j.createFromArray(new boolean[] {true, false, true}));
        t.put("scalar", Nd4j.scalar(2.5f));
        t.put("transposed", Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c').transpose());
        Path p = dir.resolve("all.safetensors");
        SafeTensors.write(t, Map.of("note", "x"), p);
        long headerLength = ByteBuffer.wrap(Files.readAllBytes(p), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLength) % 8, "data starts 8-byte aligned");
        SafeTensors.Contents c = SafeTensors.readContents(p);
        assertEquals(Map.of("note", "x"), c.metadata());
        assertEquals(List.copyOf(t.keySet()), List.copyOf(c.tensors().keySet()));
        t.forEach((k, v) -> {
            INDArray r = c.tensors().get(k);
            assertEquals(v.dataType(), r.dataType(), k);
            assertArrayEquals(v.shape(), r.shape(), k);
            assertEquals(v, r, k);
        });
        assertEquals(255, c.tensors().get("u8").getInt(1));
        assertEquals(Nd4j.create(new float[] {1, 4, 2, 5, 3, 6}, new long[] {3, 2}, 'c'),
                c.tensors().get("transposed"));
    }

    @Test
    void writesAreAtomicAndFailuresLeaveTheOldFile() throws Exception {
        Path p = dir.resolve("keep.safetensors");
        SafeTensors.write(Map.of("a", Nd4j.createFromArray(1f, 2f)), p);
        byte[] before = Files.readAllBytes(p);
        Map<String, INDArray> bad = new LinkedHashMap<>();
        bad.put("ok", Nd4j.createFromArray(3f));
        bad.put("half", Nd4j.createFromArray(1f).castTo(DataType.HALF));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(bad, p));
        assertTrue(e.getMessage().contains("'half'") && e.getMessage().contains("HALF"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(p));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList(), "no temporary file is left behind");
        }
    }

    private void assertRefused(Path p, String... fragments) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> SafeTensors.read(p));
        assertTrue(e.getMessage().startsWith(p.toString()), "names the file: " + e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
        }
    }

    @Test
    void truncatedFilesAreRefused() throws Exception {
        Path p = dir.resolve("full.safetensors");
        SafeTensors.write(Map.of("w", Nd4j.create(DataType.FLOAT, 4, 4)), p);
        byte[] all = Files.readAllBytes(p);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(all, all.length - 5));
        assertRefused(cut, "truncated");
        Files.write(cut, Arrays.copyOf(all, 4));
        assertRefused(cut, "truncated");
        Files.write(cut, Arrays.copyOf(all, 20));
        assertRefused(cut, "header length");
    }

    @Test
    void headersThatLieAreRefusedWithoutHugeAllocations() throws Exception {
        byte[] data = new byte[16];
        // a header length of 2^62: must not allocate, must name the problem
        ByteBuffer b = ByteBuffer.allocate(8 + 2).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 62)
                .put("{}".getBytes(StandardCharsets.UTF_8));
        Path huge = dir.resolve("huge.safetensors");
        Files.write(huge, b.array());
        assertRefused(huge, "header length");
        assertRefused(raw("short.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[100000000,100000],"
                + "\"data_offsets\":[0,16]}}", data), "needs");
        assertRefused(raw("beyond.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,"
                + "1600000000]}}", data), "do not fit");
        assertRefused(raw("overlap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", data), "overlapping");
        assertRefused(raw("gap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}",
                data), "gap");
        assertRefused(raw("trailing.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],"
                + "\"data_offsets\":[0,8]}}", data), "trailing");
        assertRefused(raw("negative.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[-4],"
                + "\"data_offsets\":[0,16]}}", data), "negative");
        assertRefused(raw("overflow.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,"
                + "4294967296],\"data_offsets\":[0,16]}}", data), "overflows");
    }

    @Test
    void wrongTypesDuplicatesAndBadJsonAreRefused() throws Exception {
        byte[] data = new byte[8];
        assertRefused(raw("dtype.safetensors", "{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[8],"
                + "\"data_offsets\":[0,8]}}", data), "unsupported dtype 'F8_E4M3'", "F32");
        assertRefused(raw("dup.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", data), "duplicate key 'a'");
        assertRefused(raw("json.safetensors", "{\"a\":{\"dtype\":\"F32\",", data), "not valid JSON");
        assertRefused(raw("array.safetensors", "[1, 2, 3]  ", data), "JSON object");
        assertRefused(raw("meta.safetensors", "{\"__metadata__\":{\"k\":1},\"a\":{\"dtype\":\"U8\",\"shape\":[8],"
                + "\"data_offsets\":[0,8]}}", data), "not a string");
        assertRefused(raw("field.safetensors", "{\"a\":{\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[0,8],"
                + "\"extra\":1}}", data), "unknown field");
        assertRefused(dir.resolve("missing.safetensors"), "no such file");
    }
}

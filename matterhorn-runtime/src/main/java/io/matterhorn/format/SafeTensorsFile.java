package io.matterhorn.format;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A safetensors file as read, without ND4J: the layout used across the PyTorch ecosystem,
 *
 * <pre>
 *   u64 little-endian N | N bytes of UTF-8 JSON header | data
 *   header = { name: {"dtype": "F32", "shape": [d0, d1, ...], "data_offsets": [begin, end]}, ...,
 *              "__metadata__": {string: string, ...} (optional) }
 * </pre>
 *
 * Offsets are relative to the start of the data; each tensor's bytes are its elements in C order, little-endian.
 *
 * <p><b>Bounded reads.</b> The header length must fit the file (and {@link #MAX_HEADER_BYTES}), every shape must
 * match its byte range, and the byte ranges must tile the data exactly, without gaps or overlaps, so nothing is
 * allocated beyond what the file really holds; any disagreement is a {@link ModelFormatException} naming the source.
 *
 * <p>Immutable and thread-safe once read (the byte views it hands out are read-only duplicates).
 */
public final class SafeTensorsFile {
    /** Largest header accepted, as the reference implementation (100 MB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** Key of the string map in the header. */
    public static final String METADATA_KEY = "__metadata__";
    /** Element types understood, with their sizes in bytes. */
    private static final Map<String, Integer> DTYPE_BYTES = Map.of("F64", 8, "F32", 4, "F16", 2, "BF16", 2,
            "I64", 8, "I32", 4, "I16", 2, "I8", 1, "U8", 1, "BOOL", 1);

    /**
     * One tensor of the file.
     *
     * @param name its name
     * @param dtype its safetensors type name (F32, F64, F16, BF16, I64, I32, I16, I8, U8, BOOL)
     * @param shape its shape
     * @param elements number of elements
     * @param begin first data byte
     * @param end end of its data bytes
     */
    public record Entry(String name, String dtype, long[] shape, long elements, long begin, long end) {
        /** @return the shape as ints (every dimension fits, since a tensor holds at most 2^31 - 1 bytes) */
        public int[] intShape() {
            int[] s = new int[shape.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = (int) shape[i];
            }
            return s;
        }
    }

    private final Object source;
    private final List<Entry> entries;
    private final Map<String, Entry> byName;
    private final Map<String, ByteBuffer> data;
    private final Map<String, String> metadata;

    private SafeTensorsFile(Object source, List<Entry> entries, Map<String, ByteBuffer> data,
            Map<String, String> metadata) {
        this.source = source;
        this.entries = Collections.unmodifiableList(entries);
        Map<String, Entry> m = new LinkedHashMap<>();
        entries.forEach(e -> m.put(e.name(), e));
        this.byName = Collections.unmodifiableMap(m);
        this.data = data;
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    /**
     * Reads a whole file.
     *
     * @param file the file
     * @return its contents
     * @throws ModelFormatException when the file is missing, truncated or inconsistent
     * @throws IOException on a read error
     */
    public static SafeTensorsFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new ModelFormatException(file, "truncated: " + size + " bytes, shorter than the 8-byte "
                        + "header length");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0, file);
            long headerLength = checkHeaderLength(file, len.getLong(0), size);
            ByteBuffer hb = ByteBuffer.allocate((int) headerLength);
            readFully(ch, hb, 8, file);
            long dataStart = 8 + headerLength;
            Parsed p = parseHeader(file, new String(hb.array(), StandardCharsets.UTF_8), size - dataStart);
            Map<String, ByteBuffer> data = new LinkedHashMap<>();
            for (Entry e : p.entries) {
                ByteBuffer b = ByteBuffer.allocate((int) (e.end - e.begin));
                readFully(ch, b, dataStart + e.begin, file);
                b.flip();
                data.put(e.name, b.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
            }
            return new SafeTensorsFile(file, p.entries, data, p.metadata);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file, "no such file", e);
        }
    }

    /**
     * Reads only the header's metadata (cheap even for large files; the header is still checked against the file).
     *
     * @param file the file
     * @return the {@code __metadata__} map, empty when absent
     * @throws ModelFormatException when the file is missing, truncated or inconsistent
     * @throws IOException on a read error
     */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new ModelFormatException(file, "truncated: " + size + " bytes");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0, file);
            long headerLength = checkHeaderLength(file, len.getLong(0), size);
            ByteBuffer hb = ByteBuffer.allocate((int) headerLength);
            readFully(ch, hb, 8, file);
            return Collections.unmodifiableMap(parseHeader(file, new String(hb.array(), StandardCharsets.UTF_8),
                    size - 8 - headerLength).metadata);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file, "no such file", e);
        }
    }

    /**
     * Reads a file held in memory.
     *
     * @param bytes the whole file
     * @param source a name for messages
     * @return its contents
     * @throws ModelFormatException when the bytes are truncated or inconsistent
     */
    public static SafeTensorsFile read(byte[] bytes, String source) throws ModelFormatException {
        if (bytes.length < 8) {
            throw new ModelFormatException(source, "truncated: " + bytes.length + " bytes, shorter than the 8-byte "
                    + "header length");
        }
        ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = checkHeaderLength(source, all.getLong(0), bytes.length);
        long dataStart = 8 + headerLength;
        Parsed p = parseHeader(source, new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8),
                bytes.length - dataStart);
        Map<String, ByteBuffer> data = new LinkedHashMap<>();
        for (Entry e : p.entries) {
            ByteBuffer b = ByteBuffer.wrap(bytes, (int) (dataStart + e.begin), (int) (e.end - e.begin)).slice();
            data.put(e.name, b.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
        }
        return new SafeTensorsFile(source, p.entries, data, p.metadata);
    }

    /** @return the file or stream this was read from, for messages */
    public Object source() {
        return source;
    }

    /** @return the tensors in data order */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * @param name a tensor name
     * @return its entry, or null
     */
    public Entry entry(String name) {
        return byName.get(name);
    }

    /** @return the string map of the header (empty when absent) */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * @param name a tensor name
     * @return its bytes, little-endian, read-only, position 0
     * @throws IllegalArgumentException when there is no such tensor
     */
    public ByteBuffer bytes(String name) {
        ByteBuffer b = data.get(name);
        if (b == null) {
            throw new IllegalArgumentException(source + ": no tensor '" + name + "' (has " + byName.keySet() + ")");
        }
        return b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A tensor's values as float32, in C order (F64 rounded; F16 and BF16 widened; integers converted).
     *
     * @param name a tensor name
     * @return a new array
     * @throws IllegalArgumentException when there is no such tensor
     */
    public float[] floats(String name) {
        Entry e = byName.get(name);
        ByteBuffer b = bytes(name);
        int n = (int) e.elements;
        float[] v = new float[n];
        switch (e.dtype) {
            case "F32" -> b.asFloatBuffer().get(v);
            case "F64" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = (float) b.getDouble(8 * i);
                }
            }
            case "F16" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = halfToFloat(b.getShort(2 * i));
                }
            }
            case "BF16" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xFFFF) << 16);
                }
            }
            case "I64" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.getLong(8 * i);
                }
            }
            case "I32" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.getInt(4 * i);
                }
            }
            case "I16" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.getShort(2 * i);
                }
            }
            case "U8" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.get(i) & 0xFF;
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.get(i);
                }
            }
        }
        return v;
    }

    /**
     * IEEE 754 half precision to float.
     *
     * @param h the 16 bits
     * @return the value
     */
    public static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** @return the element types understood */
    public static Set<String> dtypes() {
        return DTYPE_BYTES.keySet();
    }

    private static long checkHeaderLength(Object source, long headerLength, long size) throws ModelFormatException {
        if (headerLength < 2 || headerLength > size - 8 || headerLength > MAX_HEADER_BYTES) {
            throw new ModelFormatException(source, "header length " + Long.toUnsignedString(headerLength)
                    + " does not fit a file of " + size + " bytes (at most " + Math.min(size - 8, MAX_HEADER_BYTES)
                    + ")");
        }
        return headerLength;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position, Path file) throws IOException {
        long pos = position;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                throw new ModelFormatException(file, "truncated: ended at byte " + pos);
            }
            pos += n;
        }
    }

    private record Parsed(List<Entry> entries, Map<String, String> metadata) {
    }

    private static Parsed parseHeader(Object source, String text, long dataLength) throws ModelFormatException {
        JsonElement root;
        try {
            root = StrictJson.parse(text.stripTrailing());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source, "header is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new ModelFormatException(source, "header must be a JSON object");
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
            String name = e.getKey();
            if (name.equals(METADATA_KEY)) {
                if (!e.getValue().isJsonObject()) {
                    throw new ModelFormatException(source, METADATA_KEY + " must be an object of strings");
                }
                for (Map.Entry<String, JsonElement> m : e.getValue().getAsJsonObject().entrySet()) {
                    if (!isString(m.getValue())) {
                        throw new ModelFormatException(source, METADATA_KEY + " value '" + m.getKey()
                                + "' is not a string");
                    }
                    metadata.put(m.getKey(), m.getValue().getAsString());
                }
                continue;
            }
            entries.add(entry(source, name, e.getValue(), dataLength));
        }
        entries.sort((a, b) -> Long.compare(a.begin, b.begin));
        long expected = 0;
        for (Entry en : entries) {
            if (en.begin != expected) {
                throw new ModelFormatException(source, "tensor '" + en.name + "' starts at data byte " + en.begin
                        + (en.begin < expected ? ", overlapping the previous tensor" : ", leaving a gap")
                        + " (expected " + expected + ")");
            }
            expected = en.end;
        }
        if (expected != dataLength) {
            throw new ModelFormatException(source, "the tensors cover " + expected + " data bytes but the file "
                    + "holds " + dataLength + (expected > dataLength ? " (truncated)" : " (trailing bytes)"));
        }
        return new Parsed(entries, metadata);
    }

    private static Entry entry(Object source, String name, JsonElement v, long dataLength)
            throws ModelFormatException {
        String where = "tensor '" + name + "'";
        if (!v.isJsonObject()) {
            throw new ModelFormatException(source, where + ": entry must be an object");
        }
        JsonObject o = v.getAsJsonObject();
        for (String k : o.keySet()) {
            if (!k.equals("dtype") && !k.equals("shape") && !k.equals("data_offsets")) {
                throw new ModelFormatException(source, where + ": unknown field '" + k + "'");
            }
        }
        if (!isString(o.get("dtype"))) {
            throw new ModelFormatException(source, where + ": dtype missing or not a string");
        }
        String dtype = o.get("dtype").getAsString();
        Integer size = DTYPE_BYTES.get(dtype);
        if (size == null) {
            throw new ModelFormatException(source, where + ": unsupported dtype '" + dtype + "' (supported: "
                    + new java.util.TreeSet<>(DTYPE_BYTES.keySet()) + ")");
        }
        long[] shape = longs(source, where + ": shape", o.get("shape"), -1);
        long[] offsets = longs(source, where + ": data_offsets", o.get("data_offsets"), 2);
        long elements = 1;
        for (long d : shape) {
            try {
                elements = Math.multiplyExact(elements, d);
            } catch (ArithmeticException ex) {
                throw new ModelFormatException(source, where + ": shape " + Arrays.toString(shape) + " overflows");
            }
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataLength) {
            throw new ModelFormatException(source, where + ": data_offsets [" + begin + ", " + end
                    + "] do not fit the " + dataLength + " data bytes of the file (truncated file or lying header)");
        }
        long needed;
        try {
            needed = Math.multiplyExact(elements, (long) size);
        } catch (ArithmeticException ex) {
            throw new ModelFormatException(source, where + ": shape " + Arrays.toString(shape) + " overflows");
        }
        if (end - begin != needed) {
            throw new ModelFormatException(source, where + ": shape " + Arrays.toString(shape) + " of " + dtype
                    + " needs " + needed + " bytes but data_offsets give " + (end - begin));
        }
        if (needed > Integer.MAX_VALUE) {
            throw new ModelFormatException(source, where + ": " + needed + " bytes is more than one array here "
                    + "can hold (2^31 - 1 bytes)");
        }
        return new Entry(name, dtype, shape, elements, begin, end);
    }

    private static boolean isString(JsonElement e) {
        return e != null && e.isJsonPrimitive() && ((JsonPrimitive) e).isString();
    }

    private static long[] longs(Object source, String what, JsonElement e, int length) throws ModelFormatException {
        if (e == null || !e.isJsonArray()) {
            throw new ModelFormatException(source, what + " missing or not an array");
        }
        JsonArray a = e.getAsJsonArray();
        if (length >= 0 && a.size() != length) {
            throw new ModelFormatException(source, what + " must have " + length + " entries, got " + a.size());
        }
        if (a.size() > 32) {
            throw new ModelFormatException(source, what + " has " + a.size() + " entries (at most 32)");
        }
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement x = a.get(i);
            try {
                if (!x.isJsonPrimitive() || !((JsonPrimitive) x).isNumber()) {
                    throw new NumberFormatException();
                }
                out[i] = x.getAsBigDecimal().longValueExact();
            } catch (NumberFormatException | ArithmeticException ex) {
                throw new ModelFormatException(source, what + " entry " + i + " is not an integer: " + x);
            }
            if (out[i] < 0) {
                throw new ModelFormatException(source, what + " entry " + i + " is negative: " + out[i]);
            }
        }
        return out;
    }
}

package io.matterhorn.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads and writes the safetensors format used across the PyTorch ecosystem:
 *
 * <pre>
 *   u64 little-endian N | N bytes of UTF-8 JSON header | data
 *   header = { name: {"dtype": "F32", "shape": [d0, d1, ...], "data_offsets": [begin, end]}, ...,
 *              "__metadata__": {string: string, ...} (optional) }
 * </pre>
 *
 * Offsets are relative to the start of the data; each tensor's bytes are its elements in C order, little-endian.
 * Types: F64, F32, I64, I32, I16, I8, U8 and BOOL are read and written; F16 and BF16 are read as float32.
 *
 * <p><b>Bounded reads.</b> The header length must fit the file (and 100 MB), every shape must match its byte
 * range, and the byte ranges must tile the data exactly, without gaps or overlaps, so nothing is allocated beyond
 * what the file really holds; any disagreement is a {@link ModelFileException} naming the file.
 *
 * <p><b>Atomic writes.</b> A file is written to a temporary file in the same folder, forced to disk, and renamed
 * over the final name; a crash leaves either the old file or the new one, never a half-written one.
 *
 * <p>Stateless and thread-safe (concurrent writes to the same path: the last rename wins).
 */
public final class SafeTensors {
    /** Largest header accepted, as the reference implementation (100 MB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** Key of the string map in the header. */
    public static final String METADATA_KEY = "__metadata__";

    /**
     * The contents of a file.
     *
     * @param tensors tensors by name, in the order of their data (file order)
     * @param metadata the {@code __metadata__} map, empty when absent
     */
    public record Contents(Map<String, INDArray> tensors, Map<String, String> metadata) {
        /**
         * Wraps both maps unmodifiable (insertion order kept).
         *
         * @param tensors tensors by name, in the order of their data (file order); copied
         * @param metadata the {@code __metadata__} map, empty when absent; copied
         */
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    private SafeTensors() {
    }

    /**
     * @param file a safetensors file
     * @return its tensors by name, in data order
     * @throws ModelFileException when the file is malformed (message names the file and the problem)
     * @throws IOException when it cannot be read
     */
    public static Map<String, INDArray> read(Path file) throws IOException {
        return readContents(file).tensors();
    }

    /**
     * @param file a safetensors file
     * @return its tensors and metadata
     * @throws ModelFileException when the file is malformed
     * @throws IOException when it cannot be read
     */
    public static Contents readContents(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new ModelFileException(file, "truncated: " + size + " bytes, shorter than the 8-byte header "
                        + "length");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0, file);
            long headerLength = len.getLong(0);
            if (headerLength < 2 || headerLength > size - 8 || headerLength > MAX_HEADER_BYTES) {
                throw new ModelFileException(file, "header length " + Long.toUnsignedString(headerLength)
                        + " does not fit a file of " + size + " bytes (at most "
                        + Math.min(size - 8, MAX_HEADER_BYTES) + ")");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLength);
            readFully(ch, hb, 8, file);
            String headerText = new String(hb.array(), StandardCharsets.UTF_8);
            long dataStart = 8 + headerLength;
            Header header = parseHeader(file, headerText, size - dataStart);
            Map<String, INDArray> tensors = new LinkedHashMap<>();
            for (Entry e : header.entries) {
                ByteBuffer data = ByteBuffer.allocate((int) (e.end - e.begin));
                readFully(ch, data, dataStart + e.begin, file);
                data.flip();
                tensors.put(e.name, e.dtype.decode(data, (int) e.elements, e.shape));
            }
            return new Contents(tensors, header.metadata);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "no such file", e);
        }
    }

    /**
     * Reads only the header's metadata (cheap even for large files).
     *
     * @param file a safetensors file
     * @return the {@code __metadata__} map, empty when absent
     * @throws IOException when the file is malformed or unreadable
     */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new ModelFileException(file, "truncated: " + size + " bytes");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0, file);
            long headerLength = len.getLong(0);
            if (headerLength < 2 || headerLength > size - 8 || headerLength > MAX_HEADER_BYTES) {
                throw new ModelFileException(file, "header length " + Long.toUnsignedString(headerLength)
                        + " does not fit a file of " + size + " bytes");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLength);
            readFully(ch, hb, 8, file);
            return parseHeader(file, new String(hb.array(), StandardCharsets.UTF_8), size - 8 - headerLength)
                    .metadata;
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "no such file", e);
        }
    }

    /**
     * Writes tensors without metadata.
     *
     * @param tensors tensors by name (written in this order)
     * @param file destination; replaced atomically
     * @throws IOException when writing fails (the destination is then unchanged)
     */
    public static void write(Map<String, INDArray> tensors, Path file) throws IOException {
        write(tensors, Map.of(), file);
    }

    /**
     * @param tensors tensors by name (written in this order); names not empty, not {@value #METADATA_KEY}
     * @param metadata strings stored under {@value #METADATA_KEY}
     * @param file destination; replaced atomically
     * @throws IllegalArgumentException for a bad name, a null value or an unsupported data type
     * @throws IOException when writing fails (the destination is then unchanged)
     */
    public static void write(Map<String, INDArray> tensors, Map<String, String> metadata, Path file)
            throws IOException {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach((k, v) -> {
                if (k == null || v == null) {
                    throw new IllegalArgumentException("metadata keys and values must not be null");
                }
                meta.addProperty(k, v);
            });
            header.add(METADATA_KEY, meta);
        }
        List<byte[]> blobs = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
            String name = e.getKey();
            INDArray a = e.getValue();
            if (name == null || name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("tensor name must not be null, empty or '" + METADATA_KEY
                        + "', got '" + name + "'");
            }
            if (a == null) {
                throw new IllegalArgumentException("tensor '" + name + "' is null");
            }
            TensorDtype dtype;
            try {
                dtype = TensorDtype.of(a.dataType());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("tensor '" + name + "': " + ex.getMessage(), ex);
            }
            byte[] bytes = dtype.encode(a);
            JsonObject t = new JsonObject();
            t.addProperty("dtype", dtype.name());
            JsonArray shape = new JsonArray();
            for (long d : a.shape()) {
                shape.add(d);
            }
            t.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(offset + bytes.length);
            t.add("data_offsets", offsets);
            header.add(name, t);
            blobs.add(bytes);
            offset += bytes.length;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8; // data starts 8-byte aligned, padding is spaces (as the spec allows)
        byte[] headerBytes = Arrays.copyOf(json, padded);
        Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
        writeAtomically(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, padded);
            out.write(len.array());
            out.write(headerBytes);
            for (byte[] b : blobs) {
                out.write(b);
            }
        });
    }

    /** Writes a file's body. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes to a temporary file beside {@code file}, forces it to disk and renames it over {@code file}.
     *
     * @param file destination
     * @param body what to write
     * @throws IOException on failure; the temporary file is deleted and the destination is unchanged
     */
    static void writeAtomically(Path file, Body body) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            copyPermissions(abs, tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 1 << 20)) {
                body.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Temporary files are created owner-only; the final file gets the old file's permissions or rw-r--r--. */
    private static void copyPermissions(Path target, Path tmp) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.exists(target) ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException notPosix) {
            // the file system has no POSIX permissions; keep its defaults
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position, Path file) throws IOException {
        long pos = position;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                throw new ModelFileException(file, "truncated: ended at byte " + pos);
            }
            pos += n;
        }
    }

    private record Entry(String name, TensorDtype dtype, long[] shape, long elements, long begin, long end) {
    }

    private record Header(List<Entry> entries, Map<String, String> metadata) {
    }

    private static Header parseHeader(Path file, String text, long dataLength) throws ModelFileException {
        JsonElement root;
        try {
            root = StrictJson.parse(text.stripTrailing());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "header is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new ModelFileException(file, "header must be a JSON object");
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
            String name = e.getKey();
            if (name.equals(METADATA_KEY)) {
                if (!e.getValue().isJsonObject()) {
                    throw new ModelFileException(file, METADATA_KEY + " must be an object of strings");
                }
                for (Map.Entry<String, JsonElement> m : e.getValue().getAsJsonObject().entrySet()) {
                    if (!isString(m.getValue())) {
                        throw new ModelFileException(file, METADATA_KEY + " value '" + m.getKey()
                                + "' is not a string");
                    }
                    metadata.put(m.getKey(), m.getValue().getAsString());
                }
                continue;
            }
            entries.add(entry(file, name, e.getValue(), dataLength));
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> Long.compare(a.begin, b.begin));
        long expected = 0;
        for (Entry en : sorted) {
            if (en.begin != expected) {
                throw new ModelFileException(file, "tensor '" + en.name + "' starts at data byte " + en.begin
                        + (en.begin < expected ? ", overlapping the previous tensor" : ", leaving a gap")
                        + " (expected " + expected + ")");
            }
            expected = en.end;
        }
        if (expected != dataLength) {
            throw new ModelFileException(file, "the tensors cover " + expected + " data bytes but the file holds "
                    + dataLength + (expected > dataLength ? " (truncated)" : " (trailing bytes)"));
        }
        return new Header(sorted, metadata);
    }

    private static Entry entry(Path file, String name, JsonElement v, long dataLength) throws ModelFileException {
        String where = "tensor '" + name + "'";
        if (!v.isJsonObject()) {
            throw new ModelFileException(file, where + ": entry must be an object");
        }
        JsonObject o = v.getAsJsonObject();
        for (String k : o.keySet()) {
            if (!k.equals("dtype") && !k.equals("shape") && !k.equals("data_offsets")) {
                throw new ModelFileException(file, where + ": unknown field '" + k + "'");
            }
        }
        if (!isString(o.get("dtype"))) {
            throw new ModelFileException(file, where + ": dtype missing or not a string");
        }
        TensorDtype dtype = TensorDtype.parse(o.get("dtype").getAsString());
        if (dtype == null) {
            throw new ModelFileException(file, where + ": unsupported dtype '" + o.get("dtype").getAsString()
                    + "' (supported: " + TensorDtype.supported() + ")");
        }
        long[] shape = longs(file, where + ": shape", o.get("shape"), -1);
        long[] offsets = longs(file, where + ": data_offsets", o.get("data_offsets"), 2);
        long elements = 1;
        for (long d : shape) {
            try {
                elements = Math.multiplyExact(elements, d);
            } catch (ArithmeticException ex) {
                throw new ModelFileException(file, where + ": shape " + Arrays.toString(shape) + " overflows");
            }
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataLength) {
            throw new ModelFileException(file, where + ": data_offsets [" + begin + ", " + end
                    + "] do not fit the " + dataLength + " data bytes of the file (truncated file or lying header)");
        }
        long needed;
        try {
            needed = Math.multiplyExact(elements, (long) dtype.bytes());
        } catch (ArithmeticException ex) {
            throw new ModelFileException(file, where + ": shape " + Arrays.toString(shape) + " overflows");
        }
        if (end - begin != needed) {
            throw new ModelFileException(file, where + ": shape " + Arrays.toString(shape) + " of " + dtype
                    + " needs " + needed + " bytes but data_offsets give " + (end - begin));
        }
        if (needed > Integer.MAX_VALUE) {
            throw new ModelFileException(file, where + ": " + needed + " bytes is more than one array here can "
                    + "hold (2^31 - 1 bytes)");
        }
        return new Entry(name, dtype, shape, elements, begin, end);
    }

    private static boolean isString(JsonElement e) {
        return e != null && e.isJsonPrimitive() && ((JsonPrimitive) e).isString();
    }

    private static long[] longs(Path file, String what, JsonElement e, int length) throws ModelFileException {
        if (e == null || !e.isJsonArray()) {
            throw new ModelFileException(file, what + " missing or not an array");
        }
        JsonArray a = e.getAsJsonArray();
        if (length >= 0 && a.size() != length) {
            throw new ModelFileException(file, what + " must have " + length + " entries, got " + a.size());
        }
        if (a.size() > 32) {
            throw new ModelFileException(file, what + " has " + a.size() + " entries (at most 32)");
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
                throw new ModelFileException(file, what + " entry " + i + " is not an integer: " + x);
            }
            if (out[i] < 0) {
                throw new ModelFileException(file, what + " entry " + i + " is negative: " + out[i]);
            }
        }
        return out;
    }
}

package io.matterhorn.io;

import io.matterhorn.format.ModelFormatException;
import io.matterhorn.format.SafeTensorsFile;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
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
    public static final long MAX_HEADER_BYTES = SafeTensorsFile.MAX_HEADER_BYTES;
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
        SafeTensorsFile f;
        try {
            f = SafeTensorsFile.read(file);
        } catch (ModelFormatException e) {
            throw new ModelFileException(file, e.problem(), e);
        }
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        for (SafeTensorsFile.Entry e : f.entries()) {
            tensors.put(e.name(), TensorDtype.parse(e.dtype()).decode(f.bytes(e.name()), (int) e.elements(),
                    e.shape()));
        }
        return new Contents(tensors, f.metadata());
    }

    /**
     * Reads only the header's metadata (cheap even for large files).
     *
     * @param file a safetensors file
     * @return the {@code __metadata__} map, empty when absent
     * @throws IOException when the file is malformed or unreadable
     */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        try {
            return SafeTensorsFile.readMetadata(file);
        } catch (ModelFormatException e) {
            throw new ModelFileException(file, e.problem(), e);
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
}

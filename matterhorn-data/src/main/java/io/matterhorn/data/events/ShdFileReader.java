package io.matterhorn.data.events;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.links.ExternalLink;
import io.jhdf.object.datatype.FixedPoint;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a Spiking Heidelberg Digits HDF5 file ({@code shd_train.h5}, {@code shd_test.h5}) with the pure-Java
 * reader jHDF.
 *
 * <p>Layout read (other groups such as {@code /extra} are ignored):
 * <pre>
 * /spikes/times  [N] variable-length float16 arrays: spike times in seconds
 * /spikes/units  [N] variable-length uint16 arrays: channel ids 0..699
 * /labels        [N] integer class ids 0..19
 * </pre>
 * The number of samples comes from the file (the published counts differ between releases). A missing dataset, a
 * row whose times and units differ in length, a negative unit, a label outside {@code [0, 20)}, a truncated file or
 * a file that is not HDF5 raises {@link EventFormatException}; see {@link #read(Path)} for every check.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class ShdFileReader {

    /** Path of the spike-time dataset. */
    public static final String TIMES = "/spikes/times";
    /** Path of the channel dataset. */
    public static final String UNITS = "/spikes/units";
    /** Path of the label dataset. */
    public static final String LABELS = "/labels";
    /** Number of classes; labels are in {@code [0, CLASSES)}. */
    public static final int CLASSES = 20;

    /** Soft links followed at most while resolving one dataset path. */
    static final int MAX_LINK_HOPS = 16;
    /** Fewest file bytes one sample occupies: its two variable-length references take 16 bytes each. */
    static final int MIN_BYTES_PER_SAMPLE = 16;

    private ShdFileReader() {
    }

    /**
     * The contents of one SHD file, held in memory.
     *
     * @param times  per sample, the spike times in seconds (as stored, float16 widened to float)
     * @param units  per sample, the channel of each spike
     * @param labels per sample, the class id
     */
    public record Contents(float[][] times, int[][] units, int[] labels) {

        /**
         * Returns the number of samples.
         *
         * @return the number of rows in the file
         */
        public int size() {
            return labels.length;
        }

        /**
         * Converts one sample to integer timestamps as the original does:
         * {@code t = floor(float32(time) * float32(precision))}, the product computed in float32 (NumPy 1.x
         * promotes float16 times times 1e9 to float32). With the default precision 1e9 the unit is nanoseconds.
         *
         * @param sample    the sample index, in {@code [0, size())}
         * @param precision ticks per second, {@code > 0} (1e9 for nanoseconds, 1e6 for microseconds)
         * @param source    name used in error messages
         * @return the spikes in file order
         * @throws EventFormatException if a time is negative, NaN or infinite, or a unit is negative
         */
        public UnitEvents events(int sample, double precision, String source) throws EventFormatException {
            Objects.checkIndex(sample, labels.length);
            float[] ts = times[sample];
            int[] us = units[sample];
            float scale = (float) precision;
            long[] t = new long[ts.length];
            for (int i = 0; i < ts.length; i++) {
                float v = ts[i] * scale;
                if (!(v >= 0f) || Float.isInfinite(v)) {
                    throw new EventFormatException(source, "sample " + sample + ", spike " + i + ": time "
                            + ts[i] + " s times precision " + precision + " is not a finite non-negative value");
                }
                t[i] = (long) Math.floor(v);
            }
            for (int i = 0; i < us.length; i++) {
                if (us[i] < 0) {
                    throw new EventFormatException(source, "sample " + sample + ", spike " + i
                            + " has a negative unit " + us[i]);
                }
            }
            return new UnitEvents(t, us.clone(), ts.length);
        }
    }

    /**
     * Reads a whole SHD file.
     *
     * <p>Hostile or damaged input is refused with {@link EventFormatException} before anything large is allocated:
     * a file shorter than the end-of-file address in its superblock (truncated, or bytes deleted in the middle), a
     * soft-link loop or an external link on a dataset path, datasets that are not 1-D or disagree in length, more
     * samples than the file can hold (each needs at least {@value #MIN_BYTES_PER_SAMPLE} bytes of references), a
     * negative unit, a label outside {@code [0, 20)}, and any exception or stack / heap exhaustion inside jHDF.
     *
     * @param file the {@code .h5} file
     * @return the spike times, units and labels of every sample
     * @throws EventFormatException if the file is not HDF5, lacks a dataset, or its datasets disagree or hold
     *                              impossible values
     * @throws IOException          if the file cannot be read
     */
    public static Contents read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "SHD file not found");
        }
        String source = file.toString();
        long fileSize = Files.size(file);
        try (HdfFile hdf = new HdfFile(file)) {
            checkNotTruncated(hdf, fileSize, source);
            Dataset timesSet = dataset(hdf, TIMES, source);
            Dataset unitsSet = dataset(hdf, UNITS, source);
            Dataset labelsSet = dataset(hdf, LABELS, source);
            int n = declaredRows(timesSet, TIMES, source);
            int unitRows = declaredRows(unitsSet, UNITS, source);
            int labelRows = declaredRows(labelsSet, LABELS, source);
            if (unitRows != n || labelRows != n) {
                throw new EventFormatException(source, "datasets disagree in length: " + TIMES + " has " + n
                        + " rows, " + UNITS + " " + unitRows + ", " + LABELS + " " + labelRows);
            }
            if (n > fileSize / MIN_BYTES_PER_SAMPLE) {
                throw new EventFormatException(source, TIMES + " declares " + n + " samples, more than a file of "
                        + fileSize + " bytes can hold (corrupt header?)");
            }
            if (!timesSet.isVariableLength() || !unitsSet.isVariableLength()) {
                throw new EventFormatException(source, TIMES + " and " + UNITS
                        + " must hold variable-length arrays");
            }
            if (!(labelsSet.getDataType() instanceof FixedPoint) || labelsSet.getDataType().getSize() > 8) {
                throw new EventFormatException(source, LABELS + " must hold integers, found "
                        + labelsSet.getDataType().getClass().getSimpleName());
            }
            Object[] times = rows(timesSet, source, TIMES);
            Object[] units = rows(unitsSet, source, UNITS);
            int[] labels = integers(labelsSet.getData(), source, LABELS);
            if (times.length != n || units.length != n || labels.length != n) {
                throw new EventFormatException(source, "datasets hold other lengths than they declare");
            }
            float[][] t = new float[n][];
            int[][] u = new int[n][];
            for (int i = 0; i < n; i++) {
                t[i] = floats(times[i], source, TIMES, i);
                u[i] = integers(units[i], source, UNITS + "[" + i + "]");
                if (t[i].length != u[i].length) {
                    throw new EventFormatException(source, "sample " + i + " has " + t[i].length + " spike times "
                            + "but " + u[i].length + " units");
                }
                for (int k = 0; k < u[i].length; k++) {
                    if (u[i][k] < 0) {
                        throw new EventFormatException(source, "sample " + i + ", spike " + k
                                + " has a negative unit " + u[i][k]);
                    }
                }
                if (labels[i] < 0 || labels[i] >= CLASSES) {
                    throw new EventFormatException(source, "sample " + i + " has the label " + labels[i]
                            + "; SHD labels are in [0, " + CLASSES + ")");
                }
            }
            return new Contents(t, u, labels);
        } catch (EventFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // jHDF reports damage with HdfException and also with IllegalArgumentException, ArithmeticException,
            // BufferUnderflowException and others; all of them mean the file cannot be read as SHD
            throw new EventFormatException(source, "cannot read as HDF5 (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        } catch (StackOverflowError | OutOfMemoryError e) {
            throw new EventFormatException(source, "cannot read as HDF5: its structure exhausted the Java "
                    + (e instanceof StackOverflowError ? "stack" : "heap") + " (corrupt or hostile file)");
        }
    }

    /** libhdf5 refuses a file shorter than the end-of-file address its superblock records; so does this reader. */
    private static void checkNotTruncated(HdfFile hdf, long fileSize, String source) throws EventFormatException {
        Superblock sb = hdf.getHdfBackingStorage().getSuperblock();
        long end = sb.getBaseAddressByte() + sb.getEndOfFileAddress();
        if (sb.getEndOfFileAddress() < 0 || end < 0 || end > fileSize) {
            throw new EventFormatException(source, "truncated or damaged: the superblock says the file ends at byte "
                    + end + " but it has " + fileSize + " bytes");
        }
    }

    /**
     * Finds a dataset by absolute path, following soft links by their target path at most {@value #MAX_LINK_HOPS}
     * times in all (jHDF's own resolution recurses without bound on a link loop) and refusing external links.
     */
    private static Dataset dataset(HdfFile hdf, String path, String source) throws EventFormatException {
        String current = path;
        int hops = 0;
        Node node = hdf;
        boolean resolved = false;
        while (!resolved) {
            String[] parts = current.split("/");
            node = hdf;
            resolved = true;
            for (int i = 0; i < parts.length && resolved; i++) {
                if (parts[i].isEmpty()) {
                    continue;
                }
                Node child = node instanceof Group g ? g.getChildren().get(parts[i]) : null;
                if (child == null) {
                    throw new EventFormatException(source, "no dataset " + path + " (not an SHD file?)");
                }
                if (child instanceof ExternalLink) {
                    throw new EventFormatException(source, path + " is an external link to another file, which "
                            + "this reader does not follow");
                }
                if (child instanceof Link link) {
                    if (++hops > MAX_LINK_HOPS) {
                        throw new EventFormatException(source, path + " is a soft link that does not resolve within "
                                + MAX_LINK_HOPS + " hops (a loop of links?)");
                    }
                    String target = link.getTargetPath();
                    if (target == null || !target.startsWith("/")) {
                        throw new EventFormatException(source, path + " is a link to '" + target
                                + "', not to an absolute path in this file");
                    }
                    StringBuilder next = new StringBuilder(target);
                    for (int k = i + 1; k < parts.length; k++) {
                        next.append('/').append(parts[k]);
                    }
                    current = next.toString();
                    resolved = false;
                } else {
                    node = child;
                }
            }
        }
        if (!(node instanceof Dataset)) {
            throw new EventFormatException(source, path + " is not a dataset (not an SHD file?)");
        }
        return (Dataset) node;
    }

    /** The number of rows a 1-D dataset declares, from its header only. */
    private static int declaredRows(Dataset d, String path, String source) throws EventFormatException {
        int[] dims = d.getDimensions();
        if (dims.length != 1 || dims[0] < 0) {
            throw new EventFormatException(source, path + " must be a 1-D dataset, found dimensions "
                    + java.util.Arrays.toString(dims));
        }
        return dims[0];
    }

    private static Object[] rows(Dataset d, String source, String path) throws EventFormatException {
        Object data = d.getData();
        if (!(data instanceof Object[])) {
            throw new EventFormatException(source, path + " must be a 1-D dataset of variable-length arrays, got "
                    + (data == null ? "null" : data.getClass().getSimpleName()));
        }
        return (Object[]) data;
    }

    private static float[] floats(Object row, String source, String path, int i) throws EventFormatException {
        if (row instanceof float[] f) {
            return f;
        }
        if (row instanceof double[] dd) {
            float[] f = new float[dd.length];
            for (int k = 0; k < dd.length; k++) {
                f[k] = (float) dd[k];
            }
            return f;
        }
        throw new EventFormatException(source, path + "[" + i + "] holds "
                + (row == null ? "null" : row.getClass().getSimpleName()) + "; expected floating-point spike times");
    }

    /** Converts a 1-D primitive integer array of any width to {@code int[]}. */
    private static int[] integers(Object data, String source, String path) throws EventFormatException {
        if (data instanceof int[] a) {
            return a;
        }
        if (data != null && data.getClass().isArray() && data.getClass().getComponentType().isPrimitive()
                && !(data instanceof float[]) && !(data instanceof double[]) && !(data instanceof boolean[])
                && !(data instanceof char[])) {
            int n = Array.getLength(data);
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                long v = ((Number) Array.get(data, i)).longValue();
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new EventFormatException(source, path + "[" + i + "] = " + v + " is out of range");
                }
                out[i] = (int) v;
            }
            return out;
        }
        throw new EventFormatException(source, path + " holds "
                + (data == null ? "null" : data.getClass().getSimpleName()) + "; expected a 1-D integer array");
    }
}

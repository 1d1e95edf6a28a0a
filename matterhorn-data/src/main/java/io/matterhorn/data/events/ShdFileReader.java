package io.matterhorn.data.events;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
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
 * row whose times and units differ in length, or a file that is not HDF5 raises {@link EventFormatException}.
 */
public final class ShdFileReader {

    /** Path of the spike-time dataset. */
    public static final String TIMES = "/spikes/times";
    /** Path of the channel dataset. */
    public static final String UNITS = "/spikes/units";
    /** Path of the label dataset. */
    public static final String LABELS = "/labels";

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
         * @throws EventFormatException if a time is negative, NaN or infinite
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
            return new UnitEvents(t, us.clone(), ts.length);
        }
    }

    /**
     * Reads a whole SHD file.
     *
     * @param file the {@code .h5} file
     * @return the spike times, units and labels of every sample
     * @throws EventFormatException if the file is not HDF5, lacks a dataset, or its datasets disagree
     * @throws IOException          if the file cannot be read
     */
    public static Contents read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "SHD file not found");
        }
        String source = file.toString();
        try (HdfFile hdf = new HdfFile(file)) {
            Object[] times = rows(dataset(hdf, TIMES, source), source, TIMES);
            Object[] units = rows(dataset(hdf, UNITS, source), source, UNITS);
            int[] labels = integers(dataset(hdf, LABELS, source).getData(), source, LABELS);
            int n = labels.length;
            if (times.length != n || units.length != n) {
                throw new EventFormatException(source, "datasets disagree in length: " + TIMES + " has "
                        + times.length + " rows, " + UNITS + " " + units.length + ", " + LABELS + " " + n);
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
                if (labels[i] < 0) {
                    throw new EventFormatException(source, "sample " + i + " has a negative label " + labels[i]);
                }
            }
            return new Contents(t, u, labels);
        } catch (HdfException e) {
            throw new EventFormatException(source, "cannot read as HDF5 (" + e.getMessage() + ")", e);
        }
    }

    private static Dataset dataset(HdfFile hdf, String path, String source) throws EventFormatException {
        Node node;
        try {
            node = hdf.getByPath(path);
        } catch (HdfException e) {
            throw new EventFormatException(source, "no dataset " + path + " (not an SHD file?)", e);
        }
        if (!(node instanceof Dataset)) {
            throw new EventFormatException(source, path + " is not a dataset (not an SHD file?)");
        }
        return (Dataset) node;
    }

    private static Object[] rows(Dataset d, String source, String path) throws EventFormatException {
        Object data = d.getData();
        if (!(data instanceof Object[]) || d.getDimensions().length != 1) {
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

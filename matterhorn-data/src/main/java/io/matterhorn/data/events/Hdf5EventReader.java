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
 * Reads one recording per HDF5 file from one-dimensional numeric datasets (the original's generic {@code HDF5}
 * base, for files laid out as parallel arrays). Camera events: datasets for t, x, y and p
 * ({@link #polarity(String, String, String, String, double)}); unit spikes: datasets for t and unit
 * ({@link #units(String, String, double)}). Timestamps are {@code floor(value * timeScale)}, so float times in
 * seconds become integers (timeScale 1e6 gives microseconds). Polarities are 1 for every value above 0, else 0.
 *
 * <p>Immutable and thread-safe (each call opens its own file handle).
 */
public final class Hdf5EventReader {

    private Hdf5EventReader() {
    }

    /**
     * Returns a reader of camera events.
     *
     * @param t         path of the timestamp dataset, for example {@code "/events/t"}
     * @param x         path of the column dataset
     * @param y         path of the row dataset
     * @param p         path of the polarity dataset
     * @param timeScale factor applied to the stored timestamps, {@code > 0}
     * @return the reader
     * @throws IllegalArgumentException if {@code timeScale} is not positive and finite
     */
    public static EventReader<PolarityEvents> polarity(String t, String x, String y, String p, double timeScale) {
        Objects.requireNonNull(t, "t");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(p, "p");
        checkScale(timeScale);
        return file -> {
            String source = file.toString();
            try (HdfFile hdf = open(file)) {
                long[] ts = times(values(hdf, t, source), timeScale);
                double[] xs = values(hdf, x, source);
                double[] ys = values(hdf, y, source);
                double[] ps = values(hdf, p, source);
                int n = ts.length;
                if (xs.length != n || ys.length != n || ps.length != n) {
                    throw new EventFormatException(source, "datasets differ in length: " + t + " " + n + ", " + x
                            + " " + xs.length + ", " + y + " " + ys.length + ", " + p + " " + ps.length);
                }
                int[] xi = new int[n];
                int[] yi = new int[n];
                int[] pi = new int[n];
                for (int i = 0; i < n; i++) {
                    xi[i] = coordinate(xs[i], source, x, i);
                    yi[i] = coordinate(ys[i], source, y, i);
                    pi[i] = ps[i] > 0 ? 1 : 0;
                }
                return PolarityEvents.of(ts, xi, yi, pi);
            } catch (HdfException e) {
                throw new EventFormatException(source, "cannot read as HDF5 (" + e.getMessage() + ")", e);
            }
        };
    }

    /**
     * Returns a reader of unit spikes.
     *
     * @param t         path of the timestamp dataset
     * @param unit      path of the channel dataset
     * @param timeScale factor applied to the stored timestamps, {@code > 0}
     * @return the reader
     * @throws IllegalArgumentException if {@code timeScale} is not positive and finite
     */
    public static EventReader<UnitEvents> units(String t, String unit, double timeScale) {
        Objects.requireNonNull(t, "t");
        Objects.requireNonNull(unit, "unit");
        checkScale(timeScale);
        return file -> {
            String source = file.toString();
            try (HdfFile hdf = open(file)) {
                long[] ts = times(values(hdf, t, source), timeScale);
                double[] us = values(hdf, unit, source);
                if (us.length != ts.length) {
                    throw new EventFormatException(source, "datasets differ in length: " + t + " " + ts.length
                            + ", " + unit + " " + us.length);
                }
                int[] ui = new int[us.length];
                for (int i = 0; i < us.length; i++) {
                    ui[i] = coordinate(us[i], source, unit, i);
                }
                return UnitEvents.of(ts, ui);
            } catch (HdfException e) {
                throw new EventFormatException(source, "cannot read as HDF5 (" + e.getMessage() + ")", e);
            }
        };
    }

    private static void checkScale(double timeScale) {
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("Hdf5EventReader: timeScale must be > 0 and finite, got " + timeScale);
        }
    }

    private static HdfFile open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "HDF5 event file not found");
        }
        return new HdfFile(file);
    }

    private static double[] values(HdfFile hdf, String path, String source) throws EventFormatException {
        Node node;
        try {
            node = hdf.getByPath(path);
        } catch (HdfException e) {
            throw new EventFormatException(source, "has no dataset " + path);
        }
        if (!(node instanceof Dataset d)) {
            throw new EventFormatException(source, path + " is not a dataset");
        }
        if (d.getDimensions().length != 1) {
            throw new EventFormatException(source, path + " must be one-dimensional, has shape "
                    + java.util.Arrays.toString(d.getDimensions()));
        }
        Object data = d.getData();
        if (data == null || !data.getClass().isArray() || !data.getClass().getComponentType().isPrimitive()
                || data instanceof boolean[] || data instanceof char[]) {
            throw new EventFormatException(source, path + " is not a numeric dataset");
        }
        int n = Array.getLength(data);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((Number) Array.get(data, i)).doubleValue();
        }
        return out;
    }

    private static long[] times(double[] values, double scale) {
        long[] t = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            t[i] = (long) Math.floor(values[i] * scale);
        }
        return t;
    }

    private static int coordinate(double v, String source, String path, int i) throws EventFormatException {
        if (!(v >= 0) || v > Integer.MAX_VALUE || v != Math.floor(v)) {
            throw new EventFormatException(source, path + "[" + i + "] = " + v + " is not a non-negative integer");
        }
        return (int) v;
    }
}

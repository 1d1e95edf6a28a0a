package io.matterhorn.spark;

import io.matterhorn.data.events.FrameBinner;
import io.matterhorn.data.events.FrameSpec;
import io.matterhorn.data.events.NmnistBinReader;
import io.matterhorn.data.events.TimeBinning;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads an event recording stored as the bytes of an N-MNIST {@code .bin} file in a {@code binary} column
 * (e.g. loaded with {@code spark.read().format("binaryFile")}, column {@code content}) and bins it into frames
 * {@code [T, P, H, W]} ({@link FrameBinner}, stretch binning over T steps, binary frames). A corrupt recording
 * throws the reader's {@link io.matterhorn.data.events.EventFormatException}.
 *
 * <p>Immutable and thread-safe.
 */
public final class NmnistEventColumn implements SampleDecoder {
    private static final long serialVersionUID = 1L;
    /** binary column with the .bin bytes. */
    private final String column;
    /** column naming the recording in errors, or null. */
    private final String sourceColumn;
    /** T. */
    private final int timeSteps;
    /** two channels instead of one. */
    private final boolean polarity;
    /** output height. */
    private final int height;
    /** output width. */
    private final int width;
    /** N-MNIST sensor side (34). */
    private final int sensorSize;
    private transient FrameSpec spec;

    /**
     * @param column binary column with the {@code .bin} bytes
     * @param sourceColumn string column naming the recording in error messages (e.g. {@code path}), or null
     * @param timeSteps T, >= 1
     * @param polarity two channels (OFF, ON) instead of one
     * @param height output height (the 34 x 34 sensor is scaled down by floor division)
     * @param width output width
     */
    public NmnistEventColumn(String column, String sourceColumn, int timeSteps, boolean polarity, int height,
            int width) {
        this.column = column;
        this.sourceColumn = sourceColumn;
        this.timeSteps = timeSteps;
        this.polarity = polarity;
        this.height = height;
        this.width = width;
        this.sensorSize = 34;
        frameSpec();
    }

    private FrameSpec frameSpec() {
        if (spec == null) {
            spec = new FrameSpec(TimeBinning.stretch(timeSteps), polarity, height, width, sensorSize, sensorSize,
                    false);
        }
        return spec;
    }

    @Override
    public long[] sampleShape() {
        return frameSpec().shape();
    }

    @Override
    public void checkSchema(StructType schema) {
        StructField f = Columns.field(schema, column);
        if (!f.dataType().equals(DataTypes.BinaryType)) {
            throw new IllegalArgumentException("column '" + column + "' must be binary (the .bin file's bytes), "
                    + "got " + f.dataType().simpleString());
        }
        if (sourceColumn != null) {
            Columns.field(schema, sourceColumn);
        }
    }

    @Override
    public float[] decode(Row row, String source) throws Exception {
        String name = sourceColumn != null && !row.isNullAt(row.fieldIndex(sourceColumn))
                ? row.getAs(sourceColumn).toString() + " (" + source + ")" : source;
        if (row.isNullAt(row.fieldIndex(column))) {
            throw new IllegalArgumentException(name + ": column '" + column + "' is null");
        }
        byte[] bytes = row.getAs(column);
        return FrameBinner.frames(NmnistBinReader.decode(bytes, name), frameSpec());
    }
}

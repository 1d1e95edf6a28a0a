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

    private NmnistEventColumn(Builder b) {
        if (b.column == null) {
            throw new IllegalArgumentException("NmnistEventColumn: column must not be null");
        }
        this.column = b.column;
        this.sourceColumn = b.sourceColumn;
        this.timeSteps = b.timeSteps;
        this.polarity = b.polarity;
        this.height = b.height;
        this.width = b.width;
        this.sensorSize = 34;
        frameSpec();
    }

    /**
     * @param column binary column with the {@code .bin} bytes, not null
     * @param timeSteps T, &gt;= 1
     * @return a builder for frames {@code [T, 2, 34, 34]} (two polarity channels, the full sensor) and no source
     *     column
     */
    public static Builder builder(String column, int timeSteps) {
        return new Builder(column, timeSteps);
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

    /** Builder for {@link NmnistEventColumn}; {@link #build()} checks the values. Not thread-safe. */
    public static final class Builder {
        private final String column;
        private final int timeSteps;
        private String sourceColumn;
        private boolean polarity = true;
        private int height = 34;
        private int width = 34;

        private Builder(String column, int timeSteps) {
            this.column = column;
            this.timeSteps = timeSteps;
        }

        /**
         * @param v string column naming the recording in error messages (e.g. {@code path}), or null (default)
         * @return this builder
         */
        public Builder sourceColumn(String v) {
            sourceColumn = v;
            return this;
        }

        /**
         * @param v true (default) for two channels (OFF, ON), false for one channel counting both
         * @return this builder
         */
        public Builder polarity(boolean v) {
            polarity = v;
            return this;
        }

        /**
         * @param h output height (the 34 x 34 sensor is scaled down by floor division; default 34)
         * @param w output width (default 34)
         * @return this builder
         */
        public Builder size(int h, int w) {
            height = h;
            width = w;
            return this;
        }

        /**
         * @return the decoder
         * @throws IllegalArgumentException for a null column or a bad T or size
         */
        public NmnistEventColumn build() {
            return new NmnistEventColumn(this);
        }
    }
}

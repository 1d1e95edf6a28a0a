package io.matterhorn.spark;

import java.util.Arrays;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a sample from a column of type {@code array<float>} (or {@code array<double>}) holding its values in C
 * order, e.g. MNIST pixels scaled to [0, 1] with shape {@code [1, 28, 28]}.
 *
 * <p>Immutable and thread-safe.
 */
public final class FloatArrayColumn implements SampleDecoder {
    private static final long serialVersionUID = 1L;
    /** column name. */
    private final String column;
    /** shape of one sample. */
    private final long[] shape;
    /** values per sample. */
    private final int size;

    /**
     * @param column column name
     * @param shape shape of one sample
     */
    public FloatArrayColumn(String column, long... shape) {
        this.column = column;
        this.shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("shape sizes must be >= 1, got " + Arrays.toString(shape));
            }
            n *= d;
        }
        this.size = Math.toIntExact(n);
    }

    @Override
    public long[] sampleShape() {
        return shape.clone();
    }

    @Override
    public void checkSchema(StructType schema) {
        StructField f = Columns.field(schema, column);
        if (!(f.dataType() instanceof ArrayType a) || !(a.elementType().equals(DataTypes.FloatType)
                || a.elementType().equals(DataTypes.DoubleType))) {
            throw new IllegalArgumentException("column '" + column + "' must be array<float> or array<double>, "
                    + "got " + f.dataType().simpleString());
        }
    }

    @Override
    public float[] decode(Row row, String source) {
        if (row.isNullAt(row.fieldIndex(column))) {
            throw new IllegalArgumentException(source + ": column '" + column + "' is null");
        }
        // walk the values once: Spark may hand a linked Scala list, whose get(i) costs i steps
        scala.collection.Iterator<Object> values = row.<Object>getSeq(row.fieldIndex(column)).iterator();
        float[] out = new float[size];
        int n = 0;
        while (values.hasNext()) {
            Object v = values.next();
            if (n < size) {
                if (v == null) {
                    throw new IllegalArgumentException(source + ": column '" + column + "' has a null at " + n);
                }
                out[n] = ((Number) v).floatValue();
            }
            n++;
        }
        if (n != size) {
            throw new IllegalArgumentException(source + ": column '" + column + "' has " + n
                    + " values, expected " + size + " for shape " + Arrays.toString(shape));
        }
        return out;
    }
}

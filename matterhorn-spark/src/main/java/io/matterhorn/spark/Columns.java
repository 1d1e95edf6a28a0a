package io.matterhorn.spark;

import java.util.Arrays;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Schema look-ups with clear errors. Stateless and thread-safe. */
final class Columns {
    private Columns() {
    }

    static StructField field(StructType schema, String column) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("the DataFrame has no column '" + column + "'; its columns are "
                    + Arrays.toString(schema.fieldNames()));
        }
        return schema.apply(column);
    }
}

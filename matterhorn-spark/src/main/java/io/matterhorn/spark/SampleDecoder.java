package io.matterhorn.spark;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Turns one row of a DataFrame into one model input, on the executor. Implementations read the bytes or numbers
 * of a column with the data module's readers; a corrupt record must throw the reader's exception (it names the
 * record and the problem).
 *
 * <p>Implementations must be serialisable and thread-safe (they are shipped to and shared by executor tasks).
 */
public interface SampleDecoder extends Serializable {
    /**
     * @return the shape of one decoded sample, e.g. {@code [T, P, H, W]} for event frames (the model receives
     *     {@code [B, ...]})
     */
    long[] sampleShape();

    /**
     * Checks that the DataFrame has the columns this decoder reads.
     *
     * @param schema the DataFrame's schema
     * @throws IllegalArgumentException naming the missing or mistyped column
     */
    void checkSchema(StructType schema);

    /**
     * @param row one record
     * @param source a name for error messages (e.g. "row 17 of partition 3")
     * @return the flattened sample, {@code product(sampleShape())} values in C order
     * @throws Exception the reader's exception when the record is corrupt
     */
    float[] decode(Row row, String source) throws Exception;
}

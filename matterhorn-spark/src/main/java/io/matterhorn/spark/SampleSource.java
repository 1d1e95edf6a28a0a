package io.matterhorn.spark;

import java.io.IOException;
import java.io.Serializable;

/**
 * Training samples that executors read themselves (from files, a database, ...), for
 * {@link ShardedData#read(org.apache.spark.api.java.JavaSparkContext, SampleSource, int)}: only this small object
 * travels from the driver; each task opens it and reads the samples of its partition. Position {@code i} of the
 * epoch order is {@code reader.read(i)}.
 *
 * <p>Implementations must be serialisable, and must give the same sample for the same position every time they
 * are opened (a lost partition is read again on another executor).
 */
public interface SampleSource extends Serializable {
    /**
     * Opens the data on an executor (or on the driver).
     *
     * @return a reader, used by one task and then closed
     * @throws IOException when the data cannot be read
     */
    Reader open() throws IOException;

    /** Reads samples by position; used by one thread. */
    interface Reader extends AutoCloseable {
        /** @return number of samples N (the same on every executor) */
        long size();

        /**
         * @param position a position in [0, N)
         * @return the sample at that position of the epoch order
         * @throws IOException when it cannot be read
         */
        LabeledSample read(long position) throws IOException;

        /** Releases what the reader holds; by default nothing. */
        @Override
        default void close() throws IOException {
        }
    }
}

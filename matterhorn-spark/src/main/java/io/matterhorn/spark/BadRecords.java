package io.matterhorn.spark;

/** What {@link SparkInference} does with a record its decoder cannot read. */
public enum BadRecords {
    /** Fail the task with the reader's exception (Spark retries it, then fails the job): the default. */
    FAIL,
    /** Give the record a null prediction and count it ({@link SparkInference#badRecordCount()}). */
    SKIP_AND_COUNT
}

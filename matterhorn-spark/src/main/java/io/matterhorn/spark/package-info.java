/**
 * Matterhorn on Apache Spark: batch inference on DataFrames with a saved model ({@link
 * io.matterhorn.spark.SparkInference}) and data-parallel training ({@link io.matterhorn.spark.SparkTrainer}),
 * synchronous or by parameter averaging ({@link io.matterhorn.spark.TrainingMode}). Models travel as whole-model
 * file bytes ({@link io.matterhorn.spark.ModelBytes}); see docs/spark.md.
 */
package io.matterhorn.spark;

/**
 * The Spark examples: {@code spark-mlp} (example 1 trained with {@link io.matterhorn.spark.SparkTrainer}) and
 * {@code spark-score} (batch scoring with {@link io.matterhorn.spark.SparkInference}).
 */
package io.matterhorn.spark.examples;

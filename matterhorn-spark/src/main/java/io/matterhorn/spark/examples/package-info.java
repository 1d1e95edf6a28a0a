/** The {@code spark-mlp} example: example 1 trained with {@link io.matterhorn.spark.SparkTrainer}. */
package io.matterhorn.spark.examples;

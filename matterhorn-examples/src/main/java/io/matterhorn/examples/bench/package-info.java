/**
 * Benchmark programs that print their figures (training speed of example 1 and of example 4's convolutional
 * model, event reading and binning). The microbenchmarks are JMH benchmarks in the test sources (see
 * docs/benchmarks.md).
 */
package io.matterhorn.examples.bench;

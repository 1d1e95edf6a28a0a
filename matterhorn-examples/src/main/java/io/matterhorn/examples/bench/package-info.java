/**
 * Benchmark programs that print their figures (training speed of example 1, STDP update, event binning, custom
 * surrogate).
 */
package io.matterhorn.examples.bench;

/**
 * Command-line entry point (Main) that runs the examples and benchmarks.
 */
package io.matterhorn.examples;

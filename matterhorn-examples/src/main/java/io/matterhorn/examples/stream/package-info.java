/**
 * Streaming inference with the runtime ({@code io.matterhorn.runtime}): {@code stream-bench} (per-step latency, bytes
 * allocated per step and throughput over many streams) and {@code stream-demo} (simulated N-MNIST recordings played
 * as live event streams through example 4's trained network).
 */
package io.matterhorn.examples.stream;

package io.matterhorn.runtime;

import java.util.List;

/**
 * A compiled network as a list of operations in execution order. Operation k reads the sum of its sources
 * ({@code -1} is the network input, {@code j >= 0} the output of operation j); a source marked {@code previous}
 * is read as it was at the end of the previous step (zeros at the first step), which is how a cycle of the graph
 * (recurrence) runs in discrete time. Immutable.
 *
 * @param ops operations in execution order
 * @param sources per operation, its sources
 * @param previous per operation, per source, whether the previous step's value is read
 * @param output the operation whose output is the network's per-step output ({@code -1}: the input itself)
 * @param inputSize values per step of the input
 * @param outputShape per-sample shape of the output
 */
record Program(List<Op> ops, int[][] sources, boolean[][] previous, int output, int inputSize, int[] outputShape) {
    /** @return the number of operations */
    int size() {
        return ops.size();
    }
}

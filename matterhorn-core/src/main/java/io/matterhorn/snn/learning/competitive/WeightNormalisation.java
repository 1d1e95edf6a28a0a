package io.matterhorn.snn.learning.competitive;

/**
 * Synaptic weight normalisation (Diehl and Cook 2015): the incoming weights of each neuron {@code j} of a weight
 * {@code W [neurons, inputs]} (row j) are scaled so that they sum to a constant {@code c},
 *
 * <pre>
 *   W[j, i] := W[j, i] * c / sum_k W[j, k]       (rows whose sum is 0 are left unchanged)
 * </pre>
 *
 * applied after each weight update, so that a neuron cannot win by growing all its weights, only by moving
 * weight onto the inputs that make it fire. Immutable and thread-safe (the arrays passed in are the caller's).
 */
public final class WeightNormalisation {
    private final double target;

    /**
     * @param target the row sum c, positive and finite (Diehl and Cook: 78 for 784 inputs, a mean of 0.1)
     * @throws IllegalArgumentException if target is not positive and finite
     */
    public WeightNormalisation(double target) {
        if (!(target > 0) || Double.isInfinite(target)) {
            throw new IllegalArgumentException("weight normalisation: target sum must be positive and finite, got "
                    + target);
        }
        this.target = target;
    }

    /** @return the row sum c */
    public double target() {
        return target;
    }

    /**
     * Normalises one row.
     *
     * @param weights W, flat row-major [neurons, inputs]
     * @param row j
     * @param inputs number of inputs (row length)
     */
    public void normaliseRow(float[] weights, int row, int inputs) {
        int off = row * inputs;
        double sum = 0;
        for (int i = 0; i < inputs; i++) {
            sum += weights[off + i];
        }
        if (sum == 0) {
            return;
        }
        double f = target / sum;
        for (int i = 0; i < inputs; i++) {
            weights[off + i] = (float) (weights[off + i] * f);
        }
    }

    /**
     * Normalises every row.
     *
     * @param weights W, flat row-major [neurons, inputs]
     * @param neurons number of rows
     * @param inputs number of inputs
     * @throws IllegalArgumentException if the array is not [neurons, inputs]
     */
    public void normaliseAll(float[] weights, int neurons, int inputs) {
        if (neurons <= 0 || inputs <= 0 || (long) neurons * inputs != weights.length) {
            throw new IllegalArgumentException("weight normalisation: weights has " + weights.length
                    + " values, expected [neurons, inputs] = [" + neurons + ", " + inputs + "]");
        }
        for (int j = 0; j < neurons; j++) {
            normaliseRow(weights, j, inputs);
        }
    }
}

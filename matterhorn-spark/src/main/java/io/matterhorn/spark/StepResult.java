package io.matterhorn.spark;

import java.io.Serializable;

/**
 * What one partition sends back for one global step (or one averaging round): weighted arrays (gradients, or
 * parameters and optimiser state), and its loss sum, correct count and number of samples. {@link #merge} is the
 * associative sum used by {@code treeAggregate}.
 *
 * <p>Not thread-safe (merged within one task or on the driver).
 */
final class StepResult implements Serializable {
    private static final long serialVersionUID = 1L;
    final ArrayMap arrays;
    final double lossSum;
    final long correct;
    final long samples;

    StepResult(ArrayMap arrays, double lossSum, long correct, long samples) {
        this.arrays = arrays;
        this.lossSum = lossSum;
        this.correct = correct;
        this.samples = samples;
    }

    static StepResult empty() {
        return new StepResult(null, 0, 0, 0);
    }

    /** @return the sum of both (may reuse {@code a}'s arrays) */
    static StepResult merge(StepResult a, StepResult b) {
        if (a.arrays == null && a.samples == 0) {
            return b;
        }
        if (b.arrays == null && b.samples == 0) {
            return a;
        }
        a.arrays.addScaled(b.arrays, 1.0);
        return new StepResult(a.arrays, a.lossSum + b.lossSum, a.correct + b.correct, a.samples + b.samples);
    }
}

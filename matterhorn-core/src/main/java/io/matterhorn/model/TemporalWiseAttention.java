package io.matterhorn.model;

import io.matterhorn.Matterhorn;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.StepMode;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.RowScaling;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;

/**
 * Temporal-wise attention (Yao et al., ICCV 2021) as in matterhorn 1.0.1: weights each time step of
 * {@code x [T, B, ...]} by a learned factor computed from the step's mean activity.
 *
 * <pre>
 *   s[t, b] = mean over the trailing dimensions of x[t, b, ...]      (detached: no gradient into x here)
 *   z[b, :] = sigmoid(W2 relu(W1 s[:, b]))                           W1 [T/r, T], W2 [T, T/r], no biases
 *   training:   d = z
 *   evaluation: d = H(z - dThreshold)                                a 0/1 mask
 *   y[t, b, ...] = x[t, b, ...] d[b, t]
 * </pre>
 *
 * <p>Differences from 1.0.1: the mode follows {@link #isTraining()} (1.0.1 chose it by whether x requires
 * gradients), and {@link #reset()} is a no-op (1.0.1 crashed calling reset on a surrogate).
 */
public final class TemporalWiseAttention extends Module {
    private final int timeSteps;
    private final double dThreshold;
    private final int reduction;
    private final Linear fc1;
    private final Linear fc2;

    /**
     * @param timeSteps T, positive
     * @param r reduction ratio, 1 &lt;= r &lt;= T
     * @param dThreshold threshold of the evaluation mask
     */
    public TemporalWiseAttention(int timeSteps, int r, double dThreshold) {
        this(timeSteps, r, dThreshold, Matterhorn.random());
    }

    /**
     * @param timeSteps T, positive
     * @param r reduction ratio, 1 &lt;= r &lt;= T
     * @param dThreshold threshold of the evaluation mask
     * @param random source for the weight initialisation
     */
    public TemporalWiseAttention(int timeSteps, int r, double dThreshold, Random random) {
        if (timeSteps <= 0 || r <= 0 || r > timeSteps) {
            throw new IllegalArgumentException("TemporalWiseAttention: need timeSteps > 0 and 1 <= r <= timeSteps, got "
                    + timeSteps + " and " + r);
        }
        this.timeSteps = timeSteps;
        this.dThreshold = dThreshold;
        this.reduction = r;
        this.fc1 = registerChild("fc1", new Linear(timeSteps, timeSteps / r, false, false, random));
        this.fc2 = registerChild("fc2", new Linear(timeSteps / r, timeSteps, false, false, random));
        forceStepMode(StepMode.MULTI);
    }

    @Override
    public boolean supportsSingleStep() {
        return false;
    }

    /**
     * @param x [T, B, ...]
     * @return x with each step of each sample scaled, same shape
     */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 2 || x.size(0) != timeSteps) {
            throw new IllegalArgumentException("TemporalWiseAttention(T=" + timeSteps + "): expected input ["
                    + timeSteps
                    + ", B, ...], got " + Arrays.toString(x.shape()));
        }
        Tensor s = x.detach();
        if (s.rank() > 2) {
            int[] trailing = new int[s.rank() - 2];
            for (int i = 0; i < trailing.length; i++) {
                trailing[i] = i + 2;
            }
            s = s.mean(trailing);
        }
        Tensor z = fc2.forward(fc1.forward(s.transpose()).relu()).sigmoid();
        Tensor d = isTraining() ? z : z.ge(dThreshold);
        return RowScaling.scale(x, d.transpose());
    }

    /** No temporal state: nothing to reset. */
    @Override
    public void reset() {
        // Intentionally empty (1.0.1 crashed here).
    }

    @Override
    protected String describe() {
        return "TemporalWiseAttention(time_steps=" + timeSteps + ", d_threshold=" + dThreshold + ")";
    }

    /** @return the number of steps T */
    public int timeSteps() {
        return timeSteps;
    }

    /** @return the reduction ratio r */
    public int reduction() {
        return reduction;
    }

    /** @return the threshold of the evaluation mask */
    public double dThreshold() {
        return dThreshold;
    }
}

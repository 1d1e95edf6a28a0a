package io.matterhorn.snn.layer;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.StepMode;
import io.matterhorn.snn.synapse.TimeFolding;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;

/**
 * A spike-to-spike layer (pooling, Flatten, Unflatten). Folds time like a synapse, then <b>always binarises the
 * result at 0.5</b> with a straight-through gradient, exactly as matterhorn 1.0.1 does:
 *
 * <pre>
 *   y = 1 if v >= 0.5 else 0,   dL/dv = dL/dy
 * </pre>
 *
 * <p><b>Warning:</b> analog input is destroyed: {@code Flatten} on [0.2, 0.6, -1, 3] gives [0, 1, 0, 1]. Use
 * a plain reshape for analog data. On inputs already known to be spikes the binarisation is the identity and is
 * skipped.
 */
public abstract class Layer extends Module {
    /**
     * @param multiStep initial mode
     */
    protected Layer(boolean multiStep) {
        forceStepMode(multiStep ? StepMode.MULTI : StepMode.SINGLE);
    }

    /**
     * @param x one step (or folded steps)
     * @return output before binarisation
     */
    protected abstract Tensor forwardStep(Tensor x);

    @Override
    public Tensor forward(Tensor x) {
        Tensor y;
        if (isMultiStep()) {
            if (x.rank() < 2) {
                throw new IllegalArgumentException(getClass().getSimpleName() + " (multi-step): expected [T, B, ...], "
                        + "got " + Arrays.toString(x.shape()));
            }
            y = TimeFolding.apply(x, this::forwardStep);
        } else {
            y = forwardStep(x);
        }
        return binarise(y);
    }

    /**
     * {@code 1 if v >= 0.5 else 0} with a straight-through (identity) gradient; identity on spike-valued input.
     *
     * @param v values
     * @return spikes
     */
    public static Tensor binarise(Tensor v) {
        if (v.isSpikeValued()) {
            return v;
        }
        return Tensor.fromOp("valToSpike", v.value().gte(0.5).castTo(v.dataType()), v::accumulateGrad, v)
                .markSpikeValued();
    }
}

package io.matterhorn.snn.synapse;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.StepMode;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;

/**
 * A stateless connection (linear map, convolution, normalisation). In multi-step mode it folds time into the
 * batch, {@code [T, B, ...] -> [T*B, ...]}, applies {@link #forwardStep(Tensor)} once, and unfolds the result to
 * {@code [T, B, ...]}.
 */
public abstract class Synapse extends Module {
    /**
     * @param multiStep initial mode
     */
    protected Synapse(boolean multiStep) {
        forceStepMode(multiStep ? StepMode.MULTI : StepMode.SINGLE);
    }

    /**
     * @param x one step (or folded steps), [N, ...]
     * @return output [N, ...]
     */
    protected abstract Tensor forwardStep(Tensor x);

    @Override
    public Tensor forward(Tensor x) {
        if (!isMultiStep()) {
            return forwardStep(x);
        }
        if (x.rank() < 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " (multi-step): expected [T, B, ...], got "
                    + Arrays.toString(x.shape()));
        }
        return TimeFolding.apply(x, this::forwardStep);
    }
}

package io.matterhorn.snn.decoder;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.StepMode;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;

/** Base of decoders: reduce a sequence {@code [T, B, ...]} to {@code [B, ...]}; multi-step only. */
public abstract class Decoder extends Module {
    /** Creates a decoder in multi-step mode. */
    protected Decoder() {
        forceStepMode(StepMode.MULTI);
    }

    @Override
    public boolean supportsSingleStep() {
        return false;
    }

    /**
     * @param x the input to check
     */
    protected void requireSequence(Tensor x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected a sequence [T, B, ...], got "
                    + Arrays.toString(x.shape()));
        }
    }
}

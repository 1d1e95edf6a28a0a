package io.matterhorn.snn.encoder;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.StepMode;

/** Base of encoders: turn a static input {@code [B, ...]} into a sequence {@code [T, B, ...]}; multi-step only. */
public abstract class Encoder extends Module {
    /** Creates an encoder in multi-step mode. */
    protected Encoder() {
        forceStepMode(StepMode.MULTI);
    }

    @Override
    public boolean supportsSingleStep() {
        return false;
    }
}

package io.matterhorn.snn.container;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.SequenceModule;
import io.matterhorn.snn.StepMode;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a single-step module over a sequence: {@code y_t = module(x_t)} for t = 0..T-1, stacked to
 * {@code [T, ...]}. After the sequence it applies one local-learning update if learning is on
 * ({@link #startStep()}), then resets the module if {@code resetAfterProcess} (the default), so each call is
 * one independent sequence. With {@code resetAfterProcess = false} state carries over between calls (streaming).
 *
 * <p>A {@link SequenceModule} (a soma, a recurrent layer, a delay) runs as one fused graph node
 * ({@code forwardSequence}) rather than T separate steps; the result and the gradients are the same.
 */
public class Temporal extends Module {
    private final Module module;
    private final boolean resetAfterProcess;
    private boolean stepAfterProcess;

    /**
     * @param module a module in single-step mode
     */
    public Temporal(Module module) {
        this(module, true);
    }

    /**
     * @param module a module in single-step mode
     * @param resetAfterProcess reset the module after every sequence
     */
    public Temporal(Module module, boolean resetAfterProcess) {
        if (module == null) {
            throw new IllegalArgumentException("Temporal: module must not be null");
        }
        if (module.isMultiStep()) {
            throw new IllegalArgumentException("Temporal: cannot wrap " + module.getClass().getSimpleName()
                    + " because it is in multi-step mode; a Temporal container steps a single-step module");
        }
        this.module = registerChild("module", module);
        this.resetAfterProcess = resetAfterProcess;
        forceStepMode(StepMode.MULTI);
    }

    @Override
    public boolean supportsSingleStep() {
        return false;
    }

    /** @return the wrapped module */
    public Module module() {
        return module;
    }

    /** @return whether the module is reset after every sequence */
    public boolean resetAfterProcess() {
        return resetAfterProcess;
    }

    /**
     * @param x sequence, shape [T, B, ...]; a stepped (non-soma) module needs a non-empty input, B &gt;= 1
     * @return outputs stacked over time, shape [T, ...]
     * @throws IllegalArgumentException when T = 0, or when a stepped module gets an empty input (e.g. B = 0)
     */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1 || x.size(0) < 1) {
            throw new IllegalArgumentException("Temporal(" + module.getClass().getSimpleName()
                    + "): expected a sequence [T, B, ...] with T >= 1, got " + Arrays.toString(x.shape()));
        }
        Tensor y;
        if (module instanceof SequenceModule fused) {
            y = fused.forwardSequence(x);
        } else {
            if (x.length() == 0) {
                // stepping needs one [B, ...] slice per step; ND4J cannot slice an empty array
                throw new IllegalArgumentException("Temporal(" + module.getClass().getSimpleName() + "): "
                        + (x.rank() >= 2 && x.size(1) == 0 ? "empty batch (B = 0)" : "empty input") + ", shape "
                        + Arrays.toString(x.shape()) + "; each step needs at least one sample");
            }
            List<Tensor> out = new ArrayList<>();
            for (long t = 0; t < x.size(0); t++) {
                out.add(module.forward(x.select(t)));
            }
            y = Tensor.stack(out);
        }
        if (stepAfterProcess) {
            stepOnce();
        }
        if (resetAfterProcess) {
            reset();
        }
        return y;
    }

    @Override
    public void startStep() {
        stepAfterProcess = true;
        super.startStep();
    }

    @Override
    public void stopStep() {
        stepAfterProcess = false;
        super.stopStep();
    }

    @Override
    protected String describe() {
        return "Temporal(resetAfterProcess=" + resetAfterProcess + ")";
    }
}

package io.matterhorn.snn.monitor;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.StepMode;
import io.matterhorn.snn.soma.Soma;
import io.matterhorn.tensor.Tensor;

/**
 * A module that runs a wrapped module unchanged and records, for its {@link Monitor}, a detached copy of either
 * the output of every call ({@link Monitor#output}) or the membrane potential of a soma after every step
 * ({@link Monitor#membrane}). Gradients flow through as if the probe were not there. The wrapped module is
 * registered as the child {@code module}, so its parameters are named {@code <probe>.module.<name>}.
 *
 * <p>A membrane probe runs its soma one step at a time (it reports no multi-step support, so {@code Sequential}
 * wraps it in a {@code Temporal}), because a fused multi-step soma keeps only its final potential; the results
 * are the same, the speed is that of the step-by-step path. Not thread-safe (like every module).
 */
public final class Probe extends Module {

    private final String name;
    private final Module module;
    private final boolean membrane;
    private final Monitor monitor;

    Probe(String name, Module module, boolean membrane, Monitor monitor) {
        this.name = name;
        this.module = registerChild("module", module);
        this.membrane = membrane;
        this.monitor = monitor;
        if (membrane && module.isMultiStep()) {
            throw new IllegalArgumentException("Monitor.membrane(" + name + "): the soma must be in single-step "
                    + "mode, so that its potential can be read after every step");
        }
        forceStepMode(module.stepMode());
    }

    /**
     * Returns the probe's name.
     *
     * @return the name its recordings are kept under
     */
    public String name() {
        return name;
    }

    /**
     * Returns the wrapped module.
     *
     * @return the module
     */
    public Module module() {
        return module;
    }

    /**
     * Runs the wrapped module and records.
     *
     * @param x the input the wrapped module expects
     * @return the wrapped module's output, unchanged
     */
    @Override
    public Tensor forward(Tensor x) {
        Tensor y = module.forward(x);
        if (monitor.isEnabled()) {
            if (membrane) {
                monitor.record(name, ((Soma) module).state().value().dup(), true);
            } else {
                monitor.record(name, y.value().dup(), !module.isMultiStep());
            }
        }
        return y;
    }

    @Override
    public boolean supportsSingleStep() {
        return module.supportsSingleStep();
    }

    @Override
    public boolean supportsMultiStep() {
        return !membrane && module.supportsMultiStep();
    }

    @Override
    public boolean isPlain() {
        return module.isPlain();
    }

    @Override
    public boolean setStepMode(StepMode mode) {
        if (!(mode == StepMode.MULTI ? supportsMultiStep() : supportsSingleStep())) {
            return false;
        }
        module.setStepMode(mode);
        return super.setStepMode(mode);
    }

    @Override
    protected String describe() {
        return "Probe(" + name + (membrane ? ", membrane" : ", output") + ")";
    }
}

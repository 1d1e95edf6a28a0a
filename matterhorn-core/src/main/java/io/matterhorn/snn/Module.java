package io.matterhorn.snn;

import io.matterhorn.Matterhorn;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of every network part: named parameters, child modules, training/evaluation mode, a time-step mode, and
 * the temporal hooks of matterhorn 1.0.1.
 *
 * <p><b>Step modes.</b> In {@link StepMode#SINGLE} mode {@code forward} takes one step {@code [B, ...]}; in
 * {@link StepMode#MULTI} mode it takes {@code [T, B, ...]}. {@link #setStepMode} refuses modes a module does not
 * support and returns false, as 1.0.1 does.
 *
 * <p><b>Hooks.</b> {@link #reset()} clears temporal state, {@link #detach()} cuts the autograd history of that
 * state (truncated BPTT), {@link #startStep()}/{@link #stopStep()}/{@link #stepOnce()} drive local learning
 * rules. The base versions forward each hook to every child, so calling one on a container reaches every
 * module below it (1.0.1 does not propagate {@code detach}; this port does).
 */
public abstract class Module {
    static {
        Matterhorn.logStartup();
    }

    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private StepMode stepMode = StepMode.SINGLE;
    private boolean training = true;

    /** Creates a module in single-step mode. */
    protected Module() {
    }

    /**
     * Runs the module.
     *
     * @param x input; {@code [B, ...]} in single-step mode, {@code [T, B, ...]} in multi-step mode
     * @return output
     */
    public abstract Tensor forward(Tensor x);

    // ------------------------------------------------------------------ step mode

    /** @return whether {@code forward} accepts one time step */
    public boolean supportsSingleStep() {
        return true;
    }

    /** @return whether {@code forward} accepts a whole sequence */
    public boolean supportsMultiStep() {
        return true;
    }

    /**
     * Whether this is a plain (ANN) module that applies its forward to whatever tensor it receives, independent of
     * time. {@code Sequential} leaves such modules alone (no step-mode switch, no {@code Temporal} wrapper), as
     * 1.0.1 does with plain torch modules. See {@code io.matterhorn.snn.container.Plain}.
     *
     * @return false for SNN modules (the default)
     */
    public boolean isPlain() {
        return false;
    }

    /** @return the current step mode */
    public StepMode stepMode() {
        return stepMode;
    }

    /** @return whether the module is in multi-step mode */
    public boolean isMultiStep() {
        return stepMode == StepMode.MULTI;
    }

    /**
     * Switches the step mode if the module supports it.
     *
     * @param mode the wanted mode
     * @return true if the module is now in that mode; false (mode unchanged) if it does not support it
     */
    public boolean setStepMode(StepMode mode) {
        boolean ok = mode == StepMode.MULTI ? supportsMultiStep() : supportsSingleStep();
        if (ok) {
            stepMode = mode;
        }
        return ok;
    }

    /**
     * Sets the mode without checking support; for constructors of modules that fix their own mode.
     *
     * @param mode the mode
     */
    protected final void forceStepMode(StepMode mode) {
        stepMode = mode;
    }

    // ------------------------------------------------------------------ structure

    /**
     * Registers a parameter under a name.
     *
     * @param name unique name within this module
     * @param parameter the parameter (see {@link Tensor#parameter})
     * @return the parameter
     */
    protected final Tensor registerParameter(String name, Tensor parameter) {
        if (parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("duplicate name '" + name + "' in " + getClass().getSimpleName());
        }
        parameters.put(name, parameter);
        return parameter;
    }

    /**
     * Registers a buffer: state that belongs to the module and is saved with it but is not a parameter (never
     * trained, not counted by {@link #parameters()}), such as BatchNorm's running statistics.
     *
     * @param name unique name within this module
     * @param buffer the buffer (create it with {@link Tensor#parameter(org.nd4j.linalg.api.ndarray.INDArray,
     *     boolean)} and {@code trainable = false} so it lives outside memory scopes)
     * @return the buffer
     */
    protected final Tensor registerBuffer(String name, Tensor buffer) {
        if (parameters.containsKey(name) || children.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException("duplicate name '" + name + "' in " + getClass().getSimpleName());
        }
        if (buffer.requiresGrad()) {
            throw new IllegalArgumentException("buffer '" + name + "' must not require gradients");
        }
        buffers.put(name, buffer);
        return buffer;
    }

    /** @return every buffer of this module and its descendants, by dotted path (e.g. "1.running_mean") */
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectBuffers("", out);
        return out;
    }

    private void collectBuffers(String prefix, Map<String, Tensor> out) {
        buffers.forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, c) -> c.collectBuffers(prefix + k + ".", out));
    }

    /**
     * Replaces the value of a registered parameter (e.g. when loading weights).
     *
     * @param name the parameter's name in this module
     * @param parameter the new parameter tensor, same shape
     */
    protected final void replaceParameter(String name, Tensor parameter) {
        Tensor old = parameters.get(name);
        if (old == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' in " + getClass().getSimpleName());
        }
        parameters.put(name, parameter);
    }

    // ------------------------------------------------------------------ state dicts

    /**
     * Every parameter and buffer of this module and its descendants under PyTorch's dotted names ({@code
     * 2.weight}, {@code 3.module.tau_m}, {@code 2.running_mean}, {@code 2.num_batches_tracked}), in PyTorch's order
     * (a module's own parameters, then its own buffers, then each child in registration order), as copies.
     *
     * @return a new ordered map of detached copies; changing it does not change the module
     */
    public Map<String, INDArray> stateDict() {
        Map<String, Tensor> live = namedState();
        Map<String, INDArray> out = new LinkedHashMap<>();
        live.forEach((k, v) -> out.put(k, v.value().dup('c')));
        return out;
    }

    /** @return the live parameter and buffer tensors by dotted name, in {@link #stateDict()} order */
    private Map<String, Tensor> namedState() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        parameters.forEach((k, v) -> out.put(prefix + k, v));
        buffers.forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, c) -> c.collectState(prefix + k + ".", out));
    }

    /**
     * Strict load: the keys of {@code state} must be exactly those of {@link #stateDict()}, each with the same
     * data type and shape (a one-element parameter also accepts a 0-d array and the other way round, since
     * PyTorch stores scalar parameters with shape {@code []}), and no floating value may be NaN. Every problem is
     * collected and reported in one exception; then nothing has been changed (all or nothing). Values are copied
     * into the existing tensors, so optimisers that hold them keep working.
     *
     * @param state values by dotted name
     * @throws StateDictException listing every missing key, unexpected key, shape, type or NaN problem
     */
    public void loadStateDict(Map<String, INDArray> state) {
        StateDictLoad.apply(namedState(), state, true, getClass().getSimpleName());
    }

    /**
     * Non-strict load: keys present in both are checked as in {@link #loadStateDict(Map)} (a shape, type or NaN
     * problem still throws and changes nothing) and copied; keys present on one side only are reported.
     *
     * @param state values by dotted name
     * @return the module's keys absent from {@code state} and the keys of {@code state} the module does not have
     * @throws StateDictException when a shared key has a wrong shape or type or holds NaN
     */
    public StateDictLoad.Result loadStateDictNonStrict(Map<String, INDArray> state) {
        return StateDictLoad.apply(namedState(), state, false, getClass().getSimpleName());
    }

    /**
     * Registers a child module.
     *
     * @param name unique name within this module
     * @param child the child
     * @param <M> child type
     * @return the child
     */
    protected final <M extends Module> M registerChild(String name, M child) {
        if (child == null) {
            throw new IllegalArgumentException("child module '" + name + "' must not be null");
        }
        if (parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("duplicate name '" + name + "' in " + getClass().getSimpleName());
        }
        children.put(name, child);
        return child;
    }

    /** Removes all children (used by containers that rebuild their child list). */
    protected final void clearChildren() {
        children.clear();
    }

    /** @return the direct children in registration order, by name */
    public Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** @return the direct children in registration order */
    public List<Module> children() {
        return List.copyOf(children.values());
    }

    /** @return every parameter of this module and its descendants, by dotted path (e.g. "2.weight") */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out) {
        parameters.forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, c) -> c.collect(prefix + k + ".", out));
    }

    /** @return every parameter (trainable or not) of this module and its descendants */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** @return the parameters that receive gradients */
    public List<Tensor> trainableParameters() {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : namedParameters().values()) {
            if (t.requiresGrad()) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Freezes every parameter of this module and its descendants ({@link Tensor#setRequiresGrad(boolean)} false):
     * they receive no gradient, optimisers skip them, and fused kernels skip their gradient work.
     *
     * @return this module
     */
    public Module freeze() {
        return setTrainable(false);
    }

    /**
     * Unfreezes every parameter of this module and its descendants (including parameters created frozen, such as a
     * non-trainable {@code tau_m}).
     *
     * @return this module
     */
    public Module unfreeze() {
        return setTrainable(true);
    }

    private Module setTrainable(boolean on) {
        for (Tensor t : namedParameters().values()) {
            t.setRequiresGrad(on);
        }
        return this;
    }

    /**
     * Freezes or unfreezes one parameter by its dotted name (as in {@link #namedParameters()}).
     *
     * @param name dotted parameter name, e.g. {@code "3.tau_m"}
     * @param trainable whether it should receive gradients
     * @throws IllegalArgumentException naming the known parameters when {@code name} is not one of them
     */
    public void setTrainable(String name, boolean trainable) {
        Map<String, Tensor> all = namedParameters();
        Tensor t = all.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' in " + getClass().getSimpleName()
                    + "; parameters are " + all.keySet());
        }
        t.setRequiresGrad(trainable);
    }

    /**
     * Number of parameter elements of this module and its descendants, trainable or not (PyTorch's
     * {@code sum(p.numel() for p in model.parameters())}). Buffers are not counted; see
     * {@code io.matterhorn.snn.summary.ModelSummary} for a per-module table.
     *
     * @return the element count
     */
    public long parameterCount() {
        long n = 0;
        for (Tensor p : namedParameters().values()) {
            n += p.length();
        }
        return n;
    }

    /** Zeroes the gradients of every parameter. */
    public void zeroGrad() {
        for (Tensor t : parameters()) {
            t.zeroGrad();
        }
    }

    // ------------------------------------------------------------------ modes

    /**
     * Sets training or evaluation mode on this module and all descendants.
     *
     * @param on true for training
     * @return this module
     */
    public Module train(boolean on) {
        training = on;
        for (Module c : children.values()) {
            c.train(on);
        }
        return this;
    }

    /** @return this module, switched to training mode */
    public Module train() {
        return train(true);
    }

    /** @return this module, switched to evaluation mode */
    public Module eval() {
        return train(false);
    }

    /** @return whether the module is in training mode */
    public boolean isTraining() {
        return training;
    }

    // ------------------------------------------------------------------ temporal hooks

    /** Clears temporal state (potentials, recorded spikes, counters) here and below. */
    public void reset() {
        for (Module c : children.values()) {
            c.reset();
        }
    }

    /** Cuts the autograd history of temporal state here and below, keeping its values (truncated BPTT). */
    public void detach() {
        for (Module c : children.values()) {
            c.detach();
        }
    }

    /** Switches local learning (STDP) on here and below. */
    public void startStep() {
        for (Module c : children.values()) {
            c.startStep();
        }
    }

    /** Switches local learning off here and below. */
    public void stopStep() {
        for (Module c : children.values()) {
            c.stopStep();
        }
    }

    /** Applies one local-learning update from recorded history, here and below. */
    public void stepOnce() {
        for (Module c : children.values()) {
            c.stepOnce();
        }
    }

    /** @return a one-line description, e.g. {@code LIF(tau_m=2.0, ...)} */
    protected String describe() {
        return getClass().getSimpleName() + "()";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        print(sb, "", "");
        return sb.toString().stripTrailing();
    }

    private void print(StringBuilder sb, String indent, String name) {
        sb.append(indent).append(name.isEmpty() ? "" : "(" + name + "): ").append(describe())
                .append(isMultiStep() ? " [multi-step]" : "").append('\n');
        children.forEach((k, c) -> c.print(sb, indent + "  ", k));
    }
}

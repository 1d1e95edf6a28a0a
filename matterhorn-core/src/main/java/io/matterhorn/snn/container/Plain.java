package io.matterhorn.snn.container;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.StepMode;
import io.matterhorn.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * A plain (ANN) part of a network: applies a function or a single-step module to the tensor it receives, as is.
 * {@link Sequential} leaves it alone, like 1.0.1 leaves plain torch modules alone. Typical use: a classifier head
 * after a decoder, e.g. {@code Plain.of(new Linear(512, 10))} on {@code [B, 512]}, or
 * {@code Plain.function("relu", Tensor::relu)}.
 */
public final class Plain extends Module {
    private final String name;
    private final UnaryOperator<Tensor> function;
    private final Module module;

    private Plain(String name, UnaryOperator<Tensor> function, Module module) {
        this.name = name;
        this.function = function;
        this.module = module == null ? null : registerChild("module", module);
    }

    /**
     * Wraps a module; it is put in single-step mode (so a synapse does not fold time).
     *
     * @param module the module
     * @return the plain wrapper
     */
    public static Plain of(Module module) {
        if (module == null) {
            throw new IllegalArgumentException("Plain.of: module must not be null");
        }
        if (!module.setStepMode(StepMode.SINGLE)) {
            throw new IllegalArgumentException("Plain.of: " + module.getClass().getSimpleName()
                    + " has no single-step mode; only modules that map a tensor to a tensor can be plain");
        }
        return new Plain(module.getClass().getSimpleName(), null, module);
    }

    /**
     * Wraps a differentiable function of tensors.
     *
     * @param name name shown when printing the model
     * @param function the function
     * @return the plain wrapper
     */
    public static Plain function(String name, UnaryOperator<Tensor> function) {
        if (function == null) {
            throw new IllegalArgumentException("Plain.function: function must not be null");
        }
        return new Plain(name, function, null);
    }

    @Override
    public boolean isPlain() {
        return true;
    }

    @Override
    public Tensor forward(Tensor x) {
        return module != null ? module.forward(x) : function.apply(x);
    }

    @Override
    protected String describe() {
        return "Plain(" + name + ")";
    }

    /** @return the name given to {@link #function} (the wrapped class's simple name for {@link #of}) */
    public String name() {
        return name;
    }

    /** @return whether this wraps a function (true) rather than a module */
    public boolean isFunction() {
        return function != null;
    }
}

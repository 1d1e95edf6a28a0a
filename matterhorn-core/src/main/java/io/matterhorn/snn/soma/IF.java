package io.matterhorn.snn.soma;

import io.matterhorn.neuron.NeuronKind;

/**
 * Integrate-and-fire neuron without leak: {@code u = h + x} (du/dh = 1, du/dx = 1), then firing and reset as in
 * {@link Soma}. {@code u_rest} is used only as the initial state and in the reset. As in 1.0.1 it has a
 * {@code tau_m} parameter fixed at 1 and never trained. Build one with {@link #builder()}:
 * {@code IF.builder().uThreshold(0.5).hardReset(false).build()}.
 */
public final class IF extends Soma {
    /** An IF neuron with the 1.0.1 defaults: u_th = 1, u_rest = 0, Rectangular(2), hard reset. */
    public IF() {
        this(builder());
    }

    private IF(Builder b) {
        super(b.uThreshold(), b.uRest(), b.spikingFunction(), b.hardReset());
        registerScalar("tau_m", 1.0, false);
    }

    /** @return a builder with the 1.0.1 defaults of {@link SomaBuilder} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NeuronKind neuronKind() {
        return NeuronKind.IF;
    }

    @Override
    protected String describe() {
        return "IF(" + describeReset() + ")";
    }

    /**
     * Builder for {@link IF}: the settings of {@link SomaBuilder}; IF has nothing to train, so
     * {@code trainable(true)} is rejected by {@link #build()}. Not thread-safe.
     */
    public static final class Builder extends SomaBuilder<IF, Builder> {
        private Builder() {
        }

        /** @return the neuron */
        @Override
        public IF build() {
            requireUnchanged("IF", "trainable", trainable(), "IF has no trainable parameter (tau_m is fixed at 1)");
            return new IF(this);
        }
    }
}

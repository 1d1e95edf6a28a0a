package io.matterhorn.snn.soma;

import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Surrogate;

/**
 * The settings every {@link Soma} shares, written once: each soma's builder extends this class with only its own
 * parameters ({@code LIF.builder().tauM(4).uThreshold(0.5).hardReset(false).build()}).
 *
 * <pre>
 *   firing:  o = H(u - u_th)                      (surrogate gradient of the spiking function)
 *   reset:   hard  h' = u (1 - o) + u_rest o
 *            soft  h' = u - (u_th - u_rest) o
 * </pre>
 *
 * Defaults as in matterhorn 1.0.1: {@code u_th = 1}, {@code u_rest = 0}, {@link Rectangular} with width 2, hard
 * reset, parameters not trained; a soma's builder may start from other values (documented on its
 * {@code builder()}). The setters only record values; {@link #build()} checks them all, through the soma's
 * constructor, and throws an {@link IllegalArgumentException} that names the soma and the bad setting. A soma
 * that has no such setting (KLIF has no spiking function, IF nothing to train) rejects a changed value there.
 * Somas step one time step per call (a {@code Sequential} wraps them in {@code Temporal}), so there is no
 * multi-time-step flag.
 *
 * <p>Not thread-safe; a builder may build several somas, each with the values set at that moment.
 *
 * @param <S> the soma built
 * @param <B> the concrete builder (returned by every setter)
 */
public abstract class SomaBuilder<S extends Soma, B extends SomaBuilder<S, B>> {
    private double uThreshold = 1.0;
    private double uRest = 0.0;
    private Surrogate spikingFunction = new Rectangular();
    private boolean hardReset = true;
    private boolean trainable;

    /** A builder with the 1.0.1 defaults. */
    protected SomaBuilder() {
    }

    /**
     * @param v firing threshold u_th, finite (default 1)
     * @return this builder
     */
    public final B uThreshold(double v) {
        uThreshold = v;
        return self();
    }

    /**
     * @param v resting potential u_rest, finite: the initial state and the value of a hard reset (default 0)
     * @return this builder
     */
    public final B uRest(double v) {
        uRest = v;
        return self();
    }

    /**
     * @param s spiking function: Heaviside step forward, its surrogate derivative backward; not null (default
     *     Rectangular(2))
     * @return this builder
     */
    public final B spikingFunction(Surrogate s) {
        spikingFunction = s;
        return self();
    }

    /**
     * @param v true (default) for a hard reset to u_rest after a spike, false for a soft reset that subtracts
     *     u_th - u_rest
     * @return this builder
     */
    public final B hardReset(boolean v) {
        hardReset = v;
        return self();
    }

    /**
     * @param v whether the soma's scalar parameters (such as tau_m) receive gradients (default false); the soma's
     *     builder names them
     * @return this builder
     */
    public final B trainable(boolean v) {
        trainable = v;
        return self();
    }

    /** @return the firing threshold set (or the default) */
    public final double uThreshold() {
        return uThreshold;
    }

    /** @return the resting potential set (or the default) */
    public final double uRest() {
        return uRest;
    }

    /** @return the spiking function set (or the default) */
    public final Surrogate spikingFunction() {
        return spikingFunction;
    }

    /** @return whether the reset is hard */
    public final boolean hardReset() {
        return hardReset;
    }

    /** @return whether the soma's parameters are trained */
    public final boolean trainable() {
        return trainable;
    }

    /**
     * @return a new soma with the values set so far
     * @throws IllegalArgumentException naming the soma and the setting when a value is out of range
     */
    public abstract S build();

    /**
     * For a soma that fixes one of the shared settings: rejects a builder whose value differs from it.
     *
     * @param soma name of the soma, for the message
     * @param setting name of the setting, for the message
     * @param changed whether the builder's value differs from the fixed one
     * @param why what the soma does instead, for the message
     */
    protected static void requireUnchanged(String soma, String setting, boolean changed, String why) {
        if (changed) {
            throw new IllegalArgumentException(soma + ": " + setting + " cannot be set: " + why);
        }
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}

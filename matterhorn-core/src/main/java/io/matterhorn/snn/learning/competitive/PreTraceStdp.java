package io.matterhorn.snn.learning.competitive;

import io.matterhorn.kernel.StdpKernels;
import java.util.Arrays;

/**
 * The pre-synaptic-trace STDP rule with weight dependence of Diehl and Cook (2015). Every input {@code i} keeps a
 * trace {@code x_i} of its recent spikes; when output neuron {@code j} spikes, each of its weights moves by
 *
 * <pre>
 *   dW[j, i] = eta (x_i - x_tar) (w_max - W[j, i])^mu,     then W[j, i] is clipped to [0, w_max]
 * </pre>
 *
 * Inputs that spiked shortly before the output spike ({@code x_i > x_tar}) are potentiated, the others depressed,
 * so weights move towards the inputs that drive the neuron; {@code (w_max - w)^mu} slows the growth of weights
 * near {@code w_max} ({@code mu = 0}: no weight dependence). The input trace is the carried input trace of the
 * STDP kernel interface ({@link StdpKernels#advanceCarries}), advanced past the current step's input spikes
 * before the update:
 *
 * <pre>
 *   x_i(t) = exp(-1/tau) (x_i(t-1) + s_i(t))        (s_i(t) = 1 if input i spikes at step t, else 0)
 * </pre>
 *
 * The pairwise window of {@link io.matterhorn.snn.learning.Stdp} cannot express this rule (it has neither the
 * target offset nor the weight dependence), so only the trace is shared. Not thread-safe (holds the trace).
 */
public final class PreTraceStdp {
    private static final float[] NO_OUTPUT = new float[0];
    private final int inputs;
    private final double eta;
    private final double xTarget;
    private final double wMax;
    private final double mu;
    private final double tau;
    private final double[] trace;

    /**
     * @param inputs number of inputs, positive
     * @param eta learning rate, finite and &gt;= 0
     * @param xTarget target trace x_tar, finite
     * @param wMax upper weight bound, positive and finite
     * @param mu weight-dependence exponent, finite and &gt;= 0
     * @param tau trace time constant in steps, positive and finite
     * @throws IllegalArgumentException naming the bad argument
     */
    public PreTraceStdp(int inputs, double eta, double xTarget, double wMax, double mu, double tau) {
        if (inputs <= 0) {
            throw new IllegalArgumentException("pre-trace STDP: inputs must be positive, got " + inputs);
        }
        if (!(eta >= 0) || Double.isInfinite(eta) || !Double.isFinite(xTarget)) {
            throw new IllegalArgumentException("pre-trace STDP: eta must be finite and >= 0 and xTarget finite, got "
                    + eta + " and " + xTarget);
        }
        if (!(wMax > 0) || Double.isInfinite(wMax) || !(mu >= 0) || Double.isInfinite(mu)) {
            throw new IllegalArgumentException("pre-trace STDP: wMax must be positive and mu >= 0 (both finite), got "
                    + wMax + " and " + mu);
        }
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("pre-trace STDP: tau must be positive and finite, got " + tau);
        }
        this.inputs = inputs;
        this.eta = eta;
        this.xTarget = xTarget;
        this.wMax = wMax;
        this.mu = mu;
        this.tau = tau;
        this.trace = new double[inputs];
    }

    /**
     * Advances the input trace past one step's input spikes.
     *
     * @param inputSpikes spikes of this step, [inputs]
     * @throws IllegalArgumentException if the length is not the number of inputs
     */
    public void advance(float[] inputSpikes) {
        if (inputSpikes.length != inputs) {
            throw new IllegalArgumentException("pre-trace STDP: input spikes has " + inputSpikes.length
                    + " values, expected [inputs] = " + inputs);
        }
        StdpKernels.advanceCarries(inputSpikes, NO_OUTPUT, 1, 1, inputs, 0, tau, tau, trace, null);
    }

    /**
     * Applies the update to the row of a neuron that spiked.
     *
     * @param weights W, flat row-major [neurons, inputs], changed in place
     * @param neuron j, the neuron that spiked
     */
    public void onPostSpike(float[] weights, int neuron) {
        int off = neuron * inputs;
        if (off < 0 || off + inputs > weights.length) {
            throw new IllegalArgumentException("pre-trace STDP: neuron " + neuron + " is not a row of weights with "
                    + weights.length + " values and " + inputs + " inputs");
        }
        for (int i = 0; i < inputs; i++) {
            double w = weights[off + i];
            double room = Math.max(0.0, wMax - w);
            double dependence = mu == 0 ? 1.0 : mu == 1 ? room : Math.pow(room, mu);
            double nw = w + eta * (trace[i] - xTarget) * dependence;
            weights[off + i] = (float) Math.min(wMax, Math.max(0.0, nw));
        }
    }

    /** @return a copy of the input trace x, [inputs] */
    public double[] trace() {
        return trace.clone();
    }

    /** Sets the trace to 0 (start of a new sample). */
    public void reset() {
        Arrays.fill(trace, 0.0);
    }

    /** @return number of inputs */
    public int inputs() {
        return inputs;
    }

    /** @return the upper weight bound */
    public double weightMax() {
        return wMax;
    }
}

package io.matterhorn.snn.soma;

import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;

/**
 * Leaky integrate-and-fire neuron: one Euler step of {@code tau du/dt = -(u - u_rest) + x},
 *
 * <pre>
 *   u = h + (1/tau_m) (-(h - u_rest) + x)
 *   du/dh = 1 - 1/tau_m,  du/dx = 1/tau_m,  du/dtau_m = -(1/tau_m^2) (-(h - u_rest) + x)
 * </pre>
 *
 * followed by firing and reset as in {@link Soma}. Defaults as in matterhorn 1.0.1: {@code tau_m = 2},
 * {@code u_th = 1}, {@code u_rest = 0}, Rectangular(2) surrogate, hard reset, tau_m not trainable.
 * Note the input is scaled by 1/tau_m (the 1.0.1 README omits that; the code, which this follows, has it).
 */
public final class LIF extends Soma {
    private final Tensor tauM;

    /** A LIF neuron with the 1.0.1 defaults. */
    public LIF() {
        this(builder());
    }

    /**
     * @param tauM membrane time constant, positive
     * @param uThreshold threshold
     * @param uRest resting potential
     * @param spikingFunction surrogate
     * @param hardReset hard or soft reset
     * @param trainable whether tau_m is trained
     */
    public LIF(double tauM, double uThreshold, double uRest, Surrogate spikingFunction, boolean hardReset,
            boolean trainable) {
        super(uThreshold, uRest, spikingFunction, hardReset);
        requirePositive("LIF tau_m", tauM);
        this.tauM = registerScalar("tau_m", tauM, trainable);
    }

    private LIF(Builder b) {
        this(b.tauM, b.uThreshold, b.uRest, b.spikingFunction, b.hardReset, b.trainable);
    }

    /** @return a builder with the 1.0.1 defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the membrane time constant parameter (0-d) */
    public Tensor tauM() {
        return tauM;
    }

    @Override
    protected Tensor response(Tensor h, Tensor x) {
        return x.sub(h.sub(uRest)).div(tauM).add(h);
    }

    @Override
    protected io.matterhorn.kernel.SomaSpec kernelSpec() {
        return io.matterhorn.kernel.SomaSpec.of(io.matterhorn.kernel.NeuronKind.LIF, new float[] {(float) tauM.item()}, spikingFunction,
                uThreshold, uRest, hardReset);
    }

    @Override
    protected NeuronDynamics dynamics() {
        return new Dynamics((float) tauM.item(), uRest);
    }

    @Override
    protected String describe() {
        return "LIF(tau_m=" + tauM.item() + ", " + describeReset() + ", trainable=" + tauM.requiresGrad() + ")";
    }

    /** LIF response with tau_m captured; float32 in the same order as the per-step graph. */
    private record Dynamics(float tau, float uRest) implements NeuronDynamics {
        @Override
        public float response(float h, float x) {
            return (x - (h - uRest)) / tau + h;
        }

        @Override
        public float dResponseDh(float h, float x) {
            return 1f - 1f / tau;
        }

        @Override
        public float dResponseDx(float h, float x) {
            return 1f / tau;
        }

        @Override
        public int paramCount() {
            return 1;
        }

        @Override
        public void addParamGrads(float h, float x, float gu, double[] acc) {
            acc[0] += (double) gu * (-(x - (h - uRest)) / ((double) tau * tau));
        }
    }

    /** Builder for {@link LIF}; every setter has the 1.0.1 default. */
    public static final class Builder {
        private double tauM = 2.0;
        private double uThreshold = 1.0;
        private double uRest = 0.0;
        private Surrogate spikingFunction = new Rectangular();
        private boolean hardReset = true;
        private boolean trainable;

        private Builder() {
        }

        /** @param v membrane time constant (default 2) @return this */
        public Builder tauM(double v) {
            tauM = v;
            return this;
        }

        /** @param v threshold (default 1) @return this */
        public Builder uThreshold(double v) {
            uThreshold = v;
            return this;
        }

        /** @param v resting potential (default 0) @return this */
        public Builder uRest(double v) {
            uRest = v;
            return this;
        }

        /** @param s surrogate (default Rectangular(2)) @return this */
        public Builder spikingFunction(Surrogate s) {
            spikingFunction = s;
            return this;
        }

        /** @param v hard reset (default true) @return this */
        public Builder hardReset(boolean v) {
            hardReset = v;
            return this;
        }

        /** @param v whether tau_m is trained (default false) @return this */
        public Builder trainable(boolean v) {
            trainable = v;
            return this;
        }

        /** @return the neuron */
        public LIF build() {
            return new LIF(this);
        }
    }
}

package io.matterhorn.snn.learning.competitive;

/**
 * Settings of a {@link CompetitiveLayer}; time constants are in simulation steps. Made by {@link #builder(int, int)}
 * (or {@link #defaults(int, int)}), e.g. {@code CompetitiveSettings.builder(784, 100).steps(100).eta(0.01).build()};
 * every setting the builder does not set keeps the value of the MNIST example ({@code
 * io.matterhorn.examples.stdp.CompetitiveExample}). Immutable and thread-safe.
 */
public final class CompetitiveSettings {
    private final int inputs;
    private final int neurons;
    private final int steps;
    private final double maxRate;
    private final double tauM;
    private final double threshold;
    private final boolean winnerTakeAll;
    private final double inhibition;
    private final double thetaPlus;
    private final double tauTheta;
    private final double eta;
    private final double xTarget;
    private final double weightMax;
    private final double mu;
    private final double tauPre;
    private final double weightSum;
    private final int minSpikes;
    private final int maxRepeats;
    private final double rateBoost;

    private CompetitiveSettings(Builder b) {
        this.inputs = b.inputs;
        this.neurons = b.neurons;
        this.steps = b.steps;
        this.maxRate = b.maxRate;
        this.tauM = b.tauM;
        this.threshold = b.threshold;
        this.winnerTakeAll = b.winnerTakeAll;
        this.inhibition = b.inhibition;
        this.thetaPlus = b.thetaPlus;
        this.tauTheta = b.tauTheta;
        this.eta = b.eta;
        this.xTarget = b.xTarget;
        this.weightMax = b.weightMax;
        this.mu = b.mu;
        this.tauPre = b.tauPre;
        this.weightSum = Double.isNaN(b.weightSum) ? inputs / 10.0 : b.weightSum;
        this.minSpikes = b.minSpikes;
        this.maxRepeats = b.maxRepeats;
        this.rateBoost = b.rateBoost;
        requireAtLeast("inputs", inputs, 1);
        requireAtLeast("neurons", neurons, 1);
        requireAtLeast("steps", steps, 1);
        requireAtLeast("minSpikes", minSpikes, 0);
        requireAtLeast("maxRepeats", maxRepeats, 0);
        if (!(maxRate > 0) || maxRate > 1) {
            throw new IllegalArgumentException("competitive layer: maxRate must be in (0, 1], got " + maxRate);
        }
        if (!(rateBoost >= 0) || rateBoost > 1) {
            throw new IllegalArgumentException("competitive layer: rateBoost must be in [0, 1], got " + rateBoost);
        }
        if (!(tauM > 0) || Double.isInfinite(tauM)) {
            throw new IllegalArgumentException("competitive layer: tauM must be positive and finite, got " + tauM);
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("competitive layer: threshold must be finite, got " + threshold);
        }
        if (!(weightSum > 0)) {
            throw new IllegalArgumentException("competitive layer: weightSum must be positive, got " + weightSum);
        }
    }

    private static void requireAtLeast(String name, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException("competitive layer: " + name + " must be "
                    + (min == 0 ? "non-negative" : "positive") + ", got " + v);
        }
    }

    /**
     * @param inputs number of inputs (784 for MNIST), positive (checked by {@link Builder#build()})
     * @param neurons number of excitatory neurons, positive (checked by {@link Builder#build()})
     * @return a builder with the MNIST example's values, listed on each setter
     */
    public static Builder builder(int inputs, int neurons) {
        return new Builder(inputs, neurons);
    }

    /**
     * @param inputs number of inputs
     * @param neurons number of excitatory neurons
     * @return the settings the MNIST example uses (see {@code io.matterhorn.examples.stdp.CompetitiveExample})
     */
    public static CompetitiveSettings defaults(int inputs, int neurons) {
        return builder(inputs, neurons).build();
    }

    /** @return a builder that starts from these settings */
    public Builder toBuilder() {
        Builder b = new Builder(inputs, neurons).steps(steps).maxRate(maxRate).tauM(tauM).threshold(threshold)
                .thetaPlus(thetaPlus).tauTheta(tauTheta).eta(eta).xTarget(xTarget).weightMax(weightMax).mu(mu)
                .tauPre(tauPre).weightSum(weightSum).minSpikes(minSpikes).maxRepeats(maxRepeats).rateBoost(rateBoost);
        return winnerTakeAll ? b.winnerTakeAll() : b.gradedInhibition(inhibition);
    }

    /** @return number of inputs (784 for MNIST) */
    public int inputs() {
        return inputs;
    }

    /** @return number of excitatory neurons */
    public int neurons() {
        return neurons;
    }

    /** @return time steps per sample presentation */
    public int steps() {
        return steps;
    }

    /** @return spike probability per step of an input at intensity 1 (Poisson-rate coding) */
    public double maxRate() {
        return maxRate;
    }

    /** @return membrane time constant */
    public double tauM() {
        return tauM;
    }

    /** @return base firing threshold */
    public double threshold() {
        return threshold;
    }

    /** @return true for hard winner-take-all, false for graded inhibition */
    public boolean winnerTakeAll() {
        return winnerTakeAll;
    }

    /** @return potential removed from the other neurons per spike (graded inhibition only; 0 otherwise) */
    public double inhibition() {
        return inhibition;
    }

    /** @return adaptive-threshold step per spike */
    public double thetaPlus() {
        return thetaPlus;
    }

    /** @return adaptive-threshold decay time constant */
    public double tauTheta() {
        return tauTheta;
    }

    /** @return STDP learning rate */
    public double eta() {
        return eta;
    }

    /** @return STDP target trace */
    public double xTarget() {
        return xTarget;
    }

    /** @return upper weight bound */
    public double weightMax() {
        return weightMax;
    }

    /** @return STDP weight-dependence exponent */
    public double mu() {
        return mu;
    }

    /** @return pre-synaptic trace time constant */
    public double tauPre() {
        return tauPre;
    }

    /** @return each neuron's incoming weight sum after normalisation */
    public double weightSum() {
        return weightSum;
    }

    /** @return a presentation with fewer output spikes is repeated with a higher input rate */
    public int minSpikes() {
        return minSpikes;
    }

    /** @return at most this many repeats per sample */
    public int maxRepeats() {
        return maxRepeats;
    }

    /** @return maxRate added for every repeat */
    public double rateBoost() {
        return rateBoost;
    }

    @Override
    public String toString() {
        return "CompetitiveSettings[inputs=" + inputs + ", neurons=" + neurons + ", steps=" + steps + ", maxRate="
                + maxRate + ", tauM=" + tauM + ", threshold=" + threshold + ", winnerTakeAll=" + winnerTakeAll
                + ", inhibition=" + inhibition + ", thetaPlus=" + thetaPlus + ", tauTheta=" + tauTheta + ", eta="
                + eta + ", xTarget=" + xTarget + ", weightMax=" + weightMax + ", mu=" + mu + ", tauPre=" + tauPre
                + ", weightSum=" + weightSum + ", minSpikes=" + minSpikes + ", maxRepeats=" + maxRepeats
                + ", rateBoost=" + rateBoost + "]";
    }

    /**
     * Builder for {@link CompetitiveSettings}; each setter lists the MNIST example's value, its default.
     * {@link #build()} checks the values that the layer's building blocks do not check themselves. Not
     * thread-safe.
     */
    public static final class Builder {
        private final int inputs;
        private final int neurons;
        private int steps = 50;
        private double maxRate = 0.1;
        private double tauM = 20.0;
        private double threshold = 10.0;
        private boolean winnerTakeAll = true;
        private double inhibition;
        private double thetaPlus = 0.25;
        private double tauTheta = 1e7;
        private double eta = 0.02;
        private double xTarget = 0.2;
        private double weightMax = 1.0;
        private double mu = 0.2;
        private double tauPre = 4.0;
        private double weightSum = Double.NaN;
        private int minSpikes = 5;
        private int maxRepeats = 3;
        private double rateBoost = 0.05;

        private Builder(int inputs, int neurons) {
            this.inputs = inputs;
            this.neurons = neurons;
        }

        /**
         * @param v time steps per sample presentation, positive (default 50)
         * @return this builder
         */
        public Builder steps(int v) {
            steps = v;
            return this;
        }

        /**
         * @param v spike probability per step of an input at intensity 1, in (0, 1] (default 0.1)
         * @return this builder
         */
        public Builder maxRate(double v) {
            maxRate = v;
            return this;
        }

        /**
         * @param v membrane time constant in steps, positive and finite (default 20)
         * @return this builder
         */
        public Builder tauM(double v) {
            tauM = v;
            return this;
        }

        /**
         * @param v base firing threshold, finite (default 10)
         * @return this builder
         */
        public Builder threshold(double v) {
            threshold = v;
            return this;
        }

        /**
         * Hard winner-take-all (the default): only the neurons with the highest potential above threshold spike.
         *
         * @return this builder
         */
        public Builder winnerTakeAll() {
            winnerTakeAll = true;
            inhibition = 0;
            return this;
        }

        /**
         * Graded inhibition instead of winner-take-all.
         *
         * @param v potential removed from the other neurons per spike
         * @return this builder
         */
        public Builder gradedInhibition(double v) {
            winnerTakeAll = false;
            inhibition = v;
            return this;
        }

        /**
         * @param v adaptive-threshold step per spike (default 0.25)
         * @return this builder
         */
        public Builder thetaPlus(double v) {
            thetaPlus = v;
            return this;
        }

        /**
         * @param v adaptive-threshold decay time constant in steps (default 1e7)
         * @return this builder
         */
        public Builder tauTheta(double v) {
            tauTheta = v;
            return this;
        }

        /**
         * @param v STDP learning rate (default 0.02)
         * @return this builder
         */
        public Builder eta(double v) {
            eta = v;
            return this;
        }

        /**
         * @param v STDP target trace (default 0.2)
         * @return this builder
         */
        public Builder xTarget(double v) {
            xTarget = v;
            return this;
        }

        /**
         * @param v upper weight bound (default 1)
         * @return this builder
         */
        public Builder weightMax(double v) {
            weightMax = v;
            return this;
        }

        /**
         * @param v STDP weight-dependence exponent (default 0.2)
         * @return this builder
         */
        public Builder mu(double v) {
            mu = v;
            return this;
        }

        /**
         * @param v pre-synaptic trace time constant in steps (default 4)
         * @return this builder
         */
        public Builder tauPre(double v) {
            tauPre = v;
            return this;
        }

        /**
         * @param v each neuron's incoming weight sum after normalisation, positive (default inputs / 10)
         * @return this builder
         */
        public Builder weightSum(double v) {
            weightSum = v;
            return this;
        }

        /**
         * @param v a presentation with fewer output spikes is repeated with a higher input rate, non-negative
         *     (default 5)
         * @return this builder
         */
        public Builder minSpikes(int v) {
            minSpikes = v;
            return this;
        }

        /**
         * @param v at most this many repeats per sample, non-negative (default 3)
         * @return this builder
         */
        public Builder maxRepeats(int v) {
            maxRepeats = v;
            return this;
        }

        /**
         * @param v maxRate added for every repeat, in [0, 1] (default 0.05)
         * @return this builder
         */
        public Builder rateBoost(double v) {
            rateBoost = v;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public CompetitiveSettings build() {
            return new CompetitiveSettings(this);
        }
    }
}

package io.matterhorn.examples.stdp;

import java.nio.file.Path;

/**
 * Settings of example 2 (unsupervised STDP layer plus a supervised linear readout), made by {@link #builder()}:
 * {@code StdpConfig.builder().epochs(1).hidden(50).build()}; every setting not set keeps its default (see
 * {@link StdpExample} for why these values). Immutable and thread-safe.
 */
public final class StdpConfig {
    private final int epochs;
    private final int trainSamples;
    private final int timeSteps;
    private final int batchSize;
    private final int hidden;
    private final double tauM;
    private final double threshold;
    private final double aPos;
    private final double aNeg;
    private final double tau;
    private final double learningRate;
    private final double weightMin;
    private final double weightMax;
    private final int readoutEpochs;
    private final double readoutLearningRate;
    private final long seed;
    private final Path dataDir;
    private final Path png;
    private final boolean quiet;

    private StdpConfig(Builder b) {
        this.epochs = b.epochs;
        this.trainSamples = b.trainSamples;
        this.timeSteps = b.timeSteps;
        this.batchSize = b.batchSize;
        this.hidden = b.hidden;
        this.tauM = b.tauM;
        this.threshold = b.threshold;
        this.aPos = b.aPos;
        this.aNeg = b.aNeg;
        this.tau = b.tau;
        this.learningRate = b.learningRate;
        this.weightMin = b.weightMin;
        this.weightMax = b.weightMax;
        this.readoutEpochs = b.readoutEpochs;
        this.readoutLearningRate = b.readoutLearningRate;
        this.seed = b.seed;
        this.dataDir = b.dataDir;
        this.png = b.png;
        this.quiet = b.quiet;
        if (epochs < 0) {
            throw new IllegalArgumentException("stdp: epochs must be >= 0, got " + epochs);
        }
        requirePositive("train samples", trainSamples);
        requirePositive("time steps", timeSteps);
        requirePositive("batch size", batchSize);
        requirePositive("hidden size", hidden);
        requirePositive("readout epochs", readoutEpochs);
        requirePositive("tau-m", tauM);
        requirePositive("tau", tau);
        requirePositive("lr", learningRate);
        requirePositive("readout-lr", readoutLearningRate);
        if (!Double.isFinite(threshold) || !Double.isFinite(aPos) || !Double.isFinite(aNeg)) {
            throw new IllegalArgumentException("stdp: threshold, a-pos and a-neg must be finite numbers, got "
                    + threshold + ", " + aPos + ", " + aNeg);
        }
        if (!Double.isFinite(weightMin) || !Double.isFinite(weightMax) || weightMin > weightMax) {
            throw new IllegalArgumentException("stdp: weight bounds must be finite with w-min <= w-max, got ["
                    + weightMin + ", " + weightMax + "]");
        }
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0)) {
            throw new IllegalArgumentException("stdp: " + name + " must be positive, got " + v);
        }
    }

    /** @return a builder with the defaults listed on its setters */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the defaults */
    public static StdpConfig defaults() {
        return builder().build();
    }

    /** @return unsupervised STDP epochs over the training digits */
    public int epochs() {
        return epochs;
    }

    /** @return training digits used (STDP and readout) */
    public int trainSamples() {
        return trainSamples;
    }

    /** @return T of the Poisson encoder */
    public int timeSteps() {
        return timeSteps;
    }

    /** @return batch size of the STDP layer (its update is summed over the batch) */
    public int batchSize() {
        return batchSize;
    }

    /** @return neurons of the STDP layer */
    public int hidden() {
        return hidden;
    }

    /** @return membrane time constant of the LIF neurons */
    public double tauM() {
        return tauM;
    }

    /** @return firing threshold of the LIF neurons */
    public double threshold() {
        return threshold;
    }

    /** @return STDP A+ */
    public double aPos() {
        return aPos;
    }

    /** @return STDP A- */
    public double aNeg() {
        return aNeg;
    }

    /** @return STDP tau+ = tau- in steps */
    public double tau() {
        return tau;
    }

    /** @return STDP learning-rate factor */
    public double learningRate() {
        return learningRate;
    }

    /** @return lower weight bound */
    public double weightMin() {
        return weightMin;
    }

    /** @return upper weight bound */
    public double weightMax() {
        return weightMax;
    }

    /** @return epochs of the readout (Adam, cross-entropy) */
    public int readoutEpochs() {
        return readoutEpochs;
    }

    /** @return Adam learning rate of the readout */
    public double readoutLearningRate() {
        return readoutLearningRate;
    }

    /** @return seed for weights, encoders and shuffling */
    public long seed() {
        return seed;
    }

    /** @return folder with full MNIST IDX files, or null for the bundled 10,000-digit sample */
    public Path dataDir() {
        return dataDir;
    }

    /** @return where the receptive-field grid goes, or null for none */
    public Path png() {
        return png;
    }

    /** @return whether progress bars and tables are left out */
    public boolean quiet() {
        return quiet;
    }

    /** Builder for {@link StdpConfig}; {@link #build()} checks every value. Not thread-safe. */
    public static final class Builder {
        private int epochs = 3;
        private int trainSamples = 8000;
        private int timeSteps = 32;
        private int batchSize = 64;
        private int hidden = 100;
        private double tauM = 2.0;
        private double threshold = 0.5;
        private double aPos = 0.05;
        private double aNeg = 0.052;
        private double tau = 2.0;
        private double learningRate = 0.001;
        private double weightMin;
        private double weightMax = 0.1;
        private int readoutEpochs = 40;
        private double readoutLearningRate = 0.01;
        private long seed;
        private Path dataDir;
        private Path png = Path.of("stdp-receptive-fields.png");
        private boolean quiet;

        private Builder() {
        }

        /**
         * @param v unsupervised STDP epochs over the training digits, non-negative (default 3)
         * @return this builder
         */
        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        /**
         * @param v training digits used (STDP and readout), at most the data set size; positive (default 8000)
         * @return this builder
         */
        public Builder trainSamples(int v) {
            trainSamples = v;
            return this;
        }

        /**
         * @param v T of the Poisson encoder, positive (default 32)
         * @return this builder
         */
        public Builder timeSteps(int v) {
            timeSteps = v;
            return this;
        }

        /**
         * @param v batch size of the STDP layer (its update is summed over the batch), positive (default 64)
         * @return this builder
         */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /**
         * @param v neurons of the STDP layer, positive (default 100)
         * @return this builder
         */
        public Builder hidden(int v) {
            hidden = v;
            return this;
        }

        /**
         * @param v membrane time constant of the LIF neurons, positive (default 2.0)
         * @return this builder
         */
        public Builder tauM(double v) {
            tauM = v;
            return this;
        }

        /**
         * @param v firing threshold of the LIF neurons, finite (default 0.5)
         * @return this builder
         */
        public Builder threshold(double v) {
            threshold = v;
            return this;
        }

        /**
         * @param v STDP A+, finite (default 0.05)
         * @return this builder
         */
        public Builder aPos(double v) {
            aPos = v;
            return this;
        }

        /**
         * @param v STDP A-, finite (default 0.052)
         * @return this builder
         */
        public Builder aNeg(double v) {
            aNeg = v;
            return this;
        }

        /**
         * @param v STDP tau+ = tau- in steps, positive (default 2.0)
         * @return this builder
         */
        public Builder tau(double v) {
            tau = v;
            return this;
        }

        /**
         * @param v STDP learning-rate factor, positive (default 0.001)
         * @return this builder
         */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /**
         * @param v lower weight bound, finite, at most weightMax (default 0.0)
         * @return this builder
         */
        public Builder weightMin(double v) {
            weightMin = v;
            return this;
        }

        /**
         * @param v upper weight bound, finite (default 0.1)
         * @return this builder
         */
        public Builder weightMax(double v) {
            weightMax = v;
            return this;
        }

        /**
         * @param v epochs of the readout (Adam, cross-entropy), positive (default 40)
         * @return this builder
         */
        public Builder readoutEpochs(int v) {
            readoutEpochs = v;
            return this;
        }

        /**
         * @param v Adam learning rate of the readout, positive (default 0.01)
         * @return this builder
         */
        public Builder readoutLearningRate(double v) {
            readoutLearningRate = v;
            return this;
        }

        /**
         * @param v seed for weights, encoders and shuffling (default 0)
         * @return this builder
         */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /**
         * @param v folder with full MNIST IDX files, or null for the bundled 10,000-digit sample (default null)
         * @return this builder
         */
        public Builder dataDir(Path v) {
            dataDir = v;
            return this;
        }

        /**
         * @param v where the receptive-field grid goes, or null for none (default stdp-receptive-fields.png)
         * @return this builder
         */
        public Builder png(Path v) {
            png = v;
            return this;
        }

        /**
         * @param v true for no progress bar or tables (default false)
         * @return this builder
         */
        public Builder quiet(boolean v) {
            quiet = v;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public StdpConfig build() {
            return new StdpConfig(this);
        }
    }
}

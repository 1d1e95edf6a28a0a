package io.matterhorn.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cuts every group's learning rate by {@code factor} when a watched metric stops improving (PyTorch's
 * {@code ReduceLROnPlateau}); made with {@link #builder(Optimizer)}, e.g.
 * {@code ReduceLROnPlateau.builder(opt).maximise(true).factor(0.5).patience(2).build()}. On each
 * {@link #step(double)} with metric {@code a}:
 *
 * <pre>
 *   better (mode min, relative):  a &lt; best (1 - threshold)      (absolute: a &lt; best - threshold)
 *   better (mode max, relative):  a &gt; best (1 + threshold)      (absolute: a &gt; best + threshold)
 *   better: best = a, bad = 0;  else bad = bad + 1
 *   in cool-down (cooldownLeft &gt; 0): cooldownLeft -= 1, bad = 0
 *   bad &gt; patience: lr = max(lr * factor, minLr) per group (only if that changes it by more than 1e-8),
 *                    cooldownLeft = cooldown, bad = 0
 * </pre>
 *
 * Not thread-safe.
 */
public final class ReduceLROnPlateau {
    private static final double EPS = 1e-8;
    private final Optimizer optimizer;
    private final boolean maximise;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final boolean relative;
    private final int cooldown;
    private final double minLr;
    private double best;
    private int bad;
    private int cooldownLeft;
    private int epoch;

    /**
     * PyTorch's defaults: mode min, factor 0.1, patience 10, relative threshold 1e-4, no cool-down, minLr 0.
     *
     * @param optimizer the optimiser whose rates are cut, not null
     */
    public ReduceLROnPlateau(Optimizer optimizer) {
        this(builder(optimizer));
    }

    private ReduceLROnPlateau(Builder b) {
        if (b.optimizer == null) {
            throw new IllegalArgumentException("ReduceLROnPlateau: optimizer must not be null");
        }
        if (!(b.factor > 0 && b.factor < 1)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: factor must be in (0, 1), got " + b.factor);
        }
        if (b.patience < 0) {
            throw new IllegalArgumentException("ReduceLROnPlateau: patience must be non-negative, got " + b.patience);
        }
        if (b.cooldown < 0) {
            throw new IllegalArgumentException("ReduceLROnPlateau: cooldown must be non-negative, got " + b.cooldown);
        }
        if (!(b.threshold >= 0) || Double.isInfinite(b.threshold)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: threshold must be non-negative and finite, got "
                    + b.threshold);
        }
        if (!(b.minLr >= 0) || Double.isInfinite(b.minLr)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: minLr must be non-negative and finite, got "
                    + b.minLr);
        }
        this.optimizer = b.optimizer;
        this.maximise = b.maximise;
        this.factor = b.factor;
        this.patience = b.patience;
        this.threshold = b.threshold;
        this.relative = b.relative;
        this.cooldown = b.cooldown;
        this.minLr = b.minLr;
        this.best = maximise ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /**
     * @param optimizer the optimiser whose rates are cut, not null (checked by {@link Builder#build()})
     * @return a builder with PyTorch's defaults: mode min, factor 0.1, patience 10, relative threshold 1e-4, no
     *     cool-down, minLr 0
     */
    public static Builder builder(Optimizer optimizer) {
        return new Builder(optimizer);
    }

    /**
     * Records one epoch's metric and cuts the rates when the plateau has lasted longer than the patience.
     *
     * @param metric the watched value, finite
     * @return whether the rates were cut
     */
    public boolean step(double metric) {
        if (!Double.isFinite(metric)) {
            throw new IllegalArgumentException("ReduceLROnPlateau metric must be finite, got " + metric);
        }
        epoch++;
        if (isBetter(metric)) {
            best = metric;
            bad = 0;
        } else {
            bad++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            bad = 0;
        }
        if (bad > patience) {
            for (ParamGroup g : optimizer.paramGroups()) {
                double old = g.learningRate();
                double cut = Math.max(old * factor, minLr);
                if (old - cut > EPS) {
                    g.setLearningRate(cut);
                }
            }
            cooldownLeft = cooldown;
            bad = 0;
            return true;
        }
        return false;
    }

    private boolean isBetter(double a) {
        if (maximise) {
            return relative ? a > best * (1 + threshold) : a > best + threshold;
        }
        return relative ? a < best * (1 - threshold) : a < best - threshold;
    }

    /** @return the best metric so far (infinite before the first step) */
    public double best() {
        return best;
    }

    /** @return consecutive epochs without improvement */
    public int badEpochs() {
        return bad;
    }

    /**
     * @return the state for checkpoints: {@code epoch}, {@code num_bad_epochs}, {@code cooldown_counter} (0-d
     *     int64), {@code best} and the settings (0-d float64)
     */
    public Map<String, INDArray> stateDict() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put("epoch", Nd4j.scalar((long) epoch));
        out.put("num_bad_epochs", Nd4j.scalar((long) bad));
        out.put("cooldown_counter", Nd4j.scalar((long) cooldownLeft));
        out.put("best", Nd4j.scalar(best));
        settings().forEach((k, v) -> out.put(k, Nd4j.scalar(v)));
        return out;
    }

    private Map<String, Double> settings() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("mode_max", maximise ? 1.0 : 0.0);
        s.put("factor", factor);
        s.put("patience", (double) patience);
        s.put("threshold", threshold);
        s.put("threshold_relative", relative ? 1.0 : 0.0);
        s.put("cooldown", (double) cooldown);
        s.put("min_lr", minLr);
        return s;
    }

    /**
     * Restores a state saved by {@link #stateDict()} of a schedule with the same settings.
     *
     * @param state the saved state
     * @throws IllegalArgumentException listing every problem; nothing changes then
     */
    public void loadStateDict(Map<String, INDArray> state) {
        List<String> problems = new ArrayList<>();
        List<String> keys = new ArrayList<>(List.of("epoch", "num_bad_epochs", "cooldown_counter", "best"));
        for (String k : List.of("epoch", "num_bad_epochs", "cooldown_counter")) {
            INDArray v = state.get(k);
            if (v == null || v.length() != 1 || v.dataType().isFPType() || v.getLong(0) < 0
                    || v.getLong(0) > Integer.MAX_VALUE) {
                problems.add("'" + k + "' missing or not a non-negative integer");
            }
        }
        INDArray b = state.get("best");
        if (b == null || b.length() != 1 || Double.isNaN(b.getDouble(0))) {
            problems.add("'best' missing or NaN");
        }
        settings().forEach((k, v) -> {
            keys.add(k);
            INDArray a = state.get(k);
            if (a == null || a.length() != 1 || Double.compare(a.getDouble(0), v) != 0) {
                problems.add("'" + k + "' missing or not " + v);
            }
        });
        for (String k : state.keySet()) {
            if (!keys.contains(k)) {
                problems.add("unexpected key '" + k + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("ReduceLROnPlateau: schedule state does not fit: "
                    + String.join("; ", problems));
        }
        epoch = (int) state.get("epoch").getLong(0);
        bad = (int) state.get("num_bad_epochs").getLong(0);
        cooldownLeft = (int) state.get("cooldown_counter").getLong(0);
        best = b.getDouble(0);
    }

    /**
     * Builder for {@link ReduceLROnPlateau}; every setting has PyTorch's default and {@link #build()} checks them
     * all. Not thread-safe.
     */
    public static final class Builder {
        private final Optimizer optimizer;
        private boolean maximise;
        private double factor = 0.1;
        private int patience = 10;
        private double threshold = 1e-4;
        private boolean relative = true;
        private int cooldown;
        private double minLr;

        private Builder(Optimizer optimizer) {
            this.optimizer = optimizer;
        }

        /**
         * @param v true when larger metrics are better (accuracy; PyTorch's mode "max"), false (default) when
         *     smaller ones are (a loss; mode "min")
         * @return this builder
         */
        public Builder maximise(boolean v) {
            maximise = v;
            return this;
        }

        /**
         * @param v rate multiplier on a plateau, in (0, 1) (default 0.1)
         * @return this builder
         */
        public Builder factor(double v) {
            factor = v;
            return this;
        }

        /**
         * @param v epochs without improvement tolerated before a cut, non-negative (default 10)
         * @return this builder
         */
        public Builder patience(int v) {
            patience = v;
            return this;
        }

        /**
         * @param v least improvement that counts, non-negative and finite (default 1e-4)
         * @return this builder
         */
        public Builder threshold(double v) {
            threshold = v;
            return this;
        }

        /**
         * @param v true (default) for a threshold relative to the best value ({@code best (1 - threshold)}; PyTorch's
         *     "rel"), false for an absolute one ({@code best - threshold}; "abs")
         * @return this builder
         */
        public Builder relativeThreshold(boolean v) {
            relative = v;
            return this;
        }

        /**
         * @param v epochs after a cut during which no epoch counts as bad, non-negative (default 0)
         * @return this builder
         */
        public Builder cooldown(int v) {
            cooldown = v;
            return this;
        }

        /**
         * @param v floor of every group's rate, non-negative and finite (default 0)
         * @return this builder
         */
        public Builder minLr(double v) {
            minLr = v;
            return this;
        }

        /**
         * @return the schedule
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public ReduceLROnPlateau build() {
            return new ReduceLROnPlateau(this);
        }
    }
}

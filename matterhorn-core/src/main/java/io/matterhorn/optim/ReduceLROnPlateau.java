package io.matterhorn.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cuts every group's learning rate by {@code factor} when a watched metric stops improving (PyTorch's
 * {@code ReduceLROnPlateau}). On each {@link #step(double)} with metric {@code a}:
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
     * @param optimizer the optimiser whose rates are cut
     */
    public ReduceLROnPlateau(Optimizer optimizer) {
        this(optimizer, false, 0.1, 10, 1e-4, true, 0, 0.0);
    }

    /**
     * @param optimizer the optimiser whose rates are cut
     * @param maximise true when larger metrics are better (accuracy), false for losses
     * @param factor rate multiplier on a plateau, in (0, 1)
     * @param patience epochs without improvement tolerated, non-negative
     * @param threshold least significant improvement, non-negative
     * @param relative threshold relative to the best value (true) or absolute
     * @param cooldown epochs after a cut during which no epoch counts as bad, non-negative
     * @param minLr floor of every group's rate, non-negative
     */
    public ReduceLROnPlateau(Optimizer optimizer, boolean maximise, double factor, int patience, double threshold,
            boolean relative, int cooldown, double minLr) {
        if (optimizer == null) {
            throw new IllegalArgumentException("ReduceLROnPlateau optimizer must not be null");
        }
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("ReduceLROnPlateau factor must be in (0, 1), got " + factor);
        }
        if (patience < 0 || cooldown < 0 || !(threshold >= 0) || !(minLr >= 0) || Double.isInfinite(minLr)) {
            throw new IllegalArgumentException("ReduceLROnPlateau patience, cooldown, threshold and minLr must be "
                    + "non-negative (got " + patience + ", " + cooldown + ", " + threshold + ", " + minLr + ")");
        }
        this.optimizer = optimizer;
        this.maximise = maximise;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.relative = relative;
        this.cooldown = cooldown;
        this.minLr = minLr;
        this.best = maximise ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
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
}

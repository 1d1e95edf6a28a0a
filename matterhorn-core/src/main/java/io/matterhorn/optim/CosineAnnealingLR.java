package io.matterhorn.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cosine annealing of the learning rate over {@code tMax} epochs (PyTorch's closed form):
 * {@code lr(e) = etaMin + (lr0 - etaMin) (1 + cos(pi e / tMax)) / 2}. Call {@link #step()} once per epoch.
 */
public final class CosineAnnealingLR {
    private final Optimizer optimizer;
    private final int tMax;
    private final double etaMin;
    private final double baseLr;
    private int epoch;

    /**
     * @param optimizer the optimiser whose rate is set
     * @param tMax number of epochs of one half cosine, positive
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0.0);
    }

    /**
     * @param optimizer the optimiser whose rate is set
     * @param tMax number of epochs of one half cosine, positive
     * @param etaMin smallest learning rate
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        if (tMax <= 0) {
            throw new IllegalArgumentException("CosineAnnealingLR tMax must be positive, got " + tMax);
        }
        this.optimizer = optimizer;
        this.tMax = tMax;
        this.etaMin = etaMin;
        this.baseLr = optimizer.learningRate();
    }

    /** Advances one epoch and sets the optimiser's learning rate. */
    public void step() {
        epoch++;
        optimizer.setLearningRate(rateAt(epoch));
    }

    /**
     * @param e epoch number (0 gives the initial rate)
     * @return the learning rate for that epoch
     */
    public double rateAt(int e) {
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * e / tMax)) / 2;
    }

    /** @return epochs stepped so far */
    public int epoch() {
        return epoch;
    }

    /**
     * @return the schedule's state for checkpoints: {@code epoch} (0-d int64), {@code base_lr}, {@code t_max},
     *     {@code eta_min}
     */
    public Map<String, INDArray> stateDict() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put("epoch", Nd4j.scalar((long) epoch));
        out.put("base_lr", Nd4j.scalar(baseLr));
        out.put("t_max", Nd4j.scalar((long) tMax));
        out.put("eta_min", Nd4j.scalar(etaMin));
        return out;
    }

    /**
     * Restores the epoch counter saved by {@link #stateDict()} of a schedule with the same settings (the
     * optimiser's learning rate is restored with the optimiser's own state).
     *
     * @param state the saved state
     * @throws IllegalArgumentException when an entry is missing or the settings differ; nothing changes then
     */
    public void loadStateDict(Map<String, INDArray> state) {
        List<String> problems = new ArrayList<>();
        INDArray e = state.get("epoch");
        if (e == null || e.length() != 1 || e.getLong(0) < 0 || e.getLong(0) > Integer.MAX_VALUE) {
            problems.add("'epoch' missing or not a non-negative integer");
        }
        same(state, "base_lr", baseLr, problems);
        same(state, "t_max", tMax, problems);
        same(state, "eta_min", etaMin, problems);
        for (String k : state.keySet()) {
            if (!List.of("epoch", "base_lr", "t_max", "eta_min").contains(k)) {
                problems.add("unexpected key '" + k + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("CosineAnnealingLR: schedule state does not fit: "
                    + String.join("; ", problems));
        }
        epoch = (int) e.getLong(0);
    }

    private static void same(Map<String, INDArray> state, String key, double expected, List<String> problems) {
        INDArray v = state.get(key);
        if (v == null || v.length() != 1) {
            problems.add("'" + key + "' missing");
        } else if (Double.compare(v.getDouble(0), expected) != 0) {
            problems.add("'" + key + "' is " + v.getDouble(0) + " in the saved state but " + expected + " here");
        }
    }
}

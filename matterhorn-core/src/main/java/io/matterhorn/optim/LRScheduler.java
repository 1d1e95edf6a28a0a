package io.matterhorn.optim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A learning-rate schedule given in closed form: the rate of every parameter group at epoch {@code e} is
 * {@link #rateAt(int, double)} of the group's base rate (its rate when the schedule was created). The schedule
 * sets the epoch-0 rates on construction and the next epoch's on every {@link #step()}. Schedules compose: see
 * {@link LinearWarmup}.
 *
 * <p>Not thread-safe.
 */
public abstract class LRScheduler {
    private final Optimizer optimizer;
    private final double[] baseRates;
    private int epoch;

    /**
     * Records the base rates; subclasses call {@link #start()} at the end of their constructor.
     *
     * @param optimizer the optimiser whose group rates are set
     */
    protected LRScheduler(Optimizer optimizer) {
        this(optimizer, currentRates(optimizer));
    }

    /**
     * A schedule over given base rates (for composed schedules, which share the inner schedule's).
     *
     * @param optimizer the optimiser whose group rates are set
     * @param baseRates one base rate per parameter group; copied
     */
    protected LRScheduler(Optimizer optimizer, double[] baseRates) {
        if (optimizer.paramGroups().size() != baseRates.length) {
            throw new IllegalArgumentException("one base rate per parameter group is needed");
        }
        this.optimizer = optimizer;
        this.baseRates = baseRates.clone();
    }

    private static double[] currentRates(Optimizer optimizer) {
        if (optimizer == null) {
            throw new IllegalArgumentException("schedule optimizer must not be null");
        }
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] rates = new double[groups.size()];
        for (int k = 0; k < rates.length; k++) {
            rates[k] = groups.get(k).learningRate();
        }
        return rates;
    }

    /** Applies the epoch-0 rates; the last statement of every subclass constructor. */
    protected final void start() {
        apply();
    }

    /** Advances one epoch (or one batch, for schedules counted in batches) and sets every group's rate. */
    public final void step() {
        epoch++;
        apply();
    }

    private void apply() {
        List<ParamGroup> groups = optimizer.paramGroups();
        if (groups.size() != baseRates.length) {
            throw new IllegalStateException(getClass().getSimpleName() + " was created for " + baseRates.length
                    + " parameter group(s) but the optimiser now has " + groups.size());
        }
        for (int k = 0; k < baseRates.length; k++) {
            groups.get(k).setLearningRate(rateAt(epoch, baseRates[k]));
        }
    }

    /**
     * @param e epoch (0 is the start)
     * @param baseRate a group's base rate
     * @return that group's rate at epoch {@code e}
     */
    public abstract double rateAt(int e, double baseRate);

    /**
     * @param e epoch
     * @return the first group's rate at epoch {@code e}
     */
    public final double rateAt(int e) {
        return rateAt(e, baseRates[0]);
    }

    /** @return steps taken so far */
    public final int epoch() {
        return epoch;
    }

    /** @return the optimiser this schedule drives */
    public final Optimizer optimizer() {
        return optimizer;
    }

    /** @return a copy of the group base rates */
    public final double[] baseRates() {
        return baseRates.clone();
    }

    /**
     * The schedule's settings as named numbers (saved with the state and checked on load).
     *
     * @param out where to put them
     */
    protected abstract void settings(Map<String, Double> out);

    /**
     * @return the schedule's state for checkpoints: {@code epoch} (0-d int64), {@code base_lrs} (float64 [groups])
     *     and each setting (0-d float64)
     */
    public final Map<String, INDArray> stateDict() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put("epoch", Nd4j.scalar((long) epoch));
        out.put("base_lrs", Nd4j.createFromArray(baseRates.clone()));
        Map<String, Double> s = new LinkedHashMap<>();
        settings(s);
        s.forEach((k, v) -> out.put(k, Nd4j.scalar(v)));
        return out;
    }

    /**
     * Restores the epoch counter saved by {@link #stateDict()} of a schedule of the same class and settings over
     * the same base rates (the optimiser's current rates are restored with the optimiser's own state).
     *
     * @param state the saved state
     * @throws IllegalArgumentException listing every missing, unexpected or differing entry; nothing changes then
     */
    public final void loadStateDict(Map<String, INDArray> state) {
        List<String> problems = new ArrayList<>();
        Set<String> keys = new HashSet<>(List.of("epoch", "base_lrs"));
        INDArray e = state.get("epoch");
        if (e == null || e.length() != 1 || e.dataType().isFPType() || e.getLong(0) < 0
                || e.getLong(0) > Integer.MAX_VALUE) {
            problems.add("'epoch' missing or not a non-negative integer");
        }
        INDArray b = state.get("base_lrs");
        if (b == null || b.length() != baseRates.length) {
            problems.add("'base_lrs' missing or not " + baseRates.length + " value(s)");
        } else {
            for (int k = 0; k < baseRates.length; k++) {
                if (Double.compare(b.getDouble(k), baseRates[k]) != 0) {
                    problems.add("base rate of group " + k + " is " + b.getDouble(k) + " in the saved state but "
                            + baseRates[k] + " here");
                }
            }
        }
        Map<String, Double> s = new LinkedHashMap<>();
        settings(s);
        s.forEach((k, v) -> {
            keys.add(k);
            INDArray a = state.get(k);
            if (a == null || a.length() != 1) {
                problems.add("'" + k + "' missing");
            } else if (Double.compare(a.getDouble(0), v) != 0) {
                problems.add("'" + k + "' is " + a.getDouble(0) + " in the saved state but " + v + " here");
            }
        });
        for (String k : state.keySet()) {
            if (!keys.contains(k)) {
                problems.add("unexpected key '" + k + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": schedule state does not fit: "
                    + String.join("; ", problems));
        }
        epoch = (int) e.getLong(0);
    }

    static int requirePositive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
        return v;
    }

    static double requireFactor(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
        }
        return v;
    }
}

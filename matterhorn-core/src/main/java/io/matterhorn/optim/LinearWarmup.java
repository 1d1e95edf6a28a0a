package io.matterhorn.optim;

import java.util.Map;

/**
 * Linear warm-up followed by another schedule (PyTorch's {@code LinearLR} then the other schedule in a
 * {@code SequentialLR}). With {@code W} warm-up epochs and start factor {@code f}:
 *
 * <pre>
 *   lr(e) = base * (f + (1 - f) e / W)      for e &lt; W
 *   lr(e) = after.rateAt(e - W, base)       for e &gt;= W
 * </pre>
 *
 * The {@code after} schedule only supplies its formula and base rates: step this schedule, never {@code after}.
 * Not thread-safe.
 */
public final class LinearWarmup extends LRScheduler {
    private final LRScheduler after;
    private final int warmupEpochs;
    private final double startFactor;

    /**
     * @param after the schedule that follows the warm-up (created on the same optimiser, not stepped)
     * @param warmupEpochs W, positive
     * @param startFactor f, the fraction of the base rate at epoch 0, in (0, 1]
     */
    public LinearWarmup(LRScheduler after, int warmupEpochs, double startFactor) {
        super(after.optimizer(), after.baseRates());
        if (after.epoch() != 0) {
            throw new IllegalArgumentException("LinearWarmup: the following schedule must not have been stepped");
        }
        this.after = after;
        this.warmupEpochs = requirePositive("LinearWarmup warmupEpochs", warmupEpochs);
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("LinearWarmup startFactor must be in (0, 1], got " + startFactor);
        }
        this.startFactor = startFactor;
        start();
    }

    @Override
    public double rateAt(int e, double baseRate) {
        if (e < warmupEpochs) {
            return baseRate * (startFactor + (1 - startFactor) * e / warmupEpochs);
        }
        return after.rateAt(e - warmupEpochs, baseRate);
    }

    /** Settings {@code warmup_epochs}, {@code start_factor} and the following schedule's as {@code after.NAME}. */
    @Override
    protected void settings(Map<String, Double> out) {
        out.put("warmup_epochs", (double) warmupEpochs);
        out.put("start_factor", startFactor);
        Map<String, Double> inner = new java.util.LinkedHashMap<>();
        after.settings(inner);
        inner.forEach((k, v) -> out.put("after." + k, v));
    }
}

package io.matterhorn.optim;

import java.util.Map;

/**
 * Cosine annealing of the learning rate over {@code tMax} epochs (PyTorch's closed form):
 * {@code lr(e) = etaMin + (base - etaMin) (1 + cos(pi e / tMax)) / 2}. Call {@link #step()} once per epoch.
 * Not thread-safe.
 */
public final class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;

    /**
     * @param optimizer the optimiser whose rates are set
     * @param tMax number of epochs of one half cosine, positive
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0.0);
    }

    /**
     * @param optimizer the optimiser whose rates are set
     * @param tMax number of epochs of one half cosine, positive
     * @param etaMin smallest learning rate, non-negative
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        this.tMax = requirePositive("CosineAnnealingLR tMax", tMax);
        if (!(etaMin >= 0) || Double.isInfinite(etaMin)) {
            throw new IllegalArgumentException("CosineAnnealingLR etaMin must be non-negative, got " + etaMin);
        }
        this.etaMin = etaMin;
        start();
    }

    @Override
    public double rateAt(int e, double baseRate) {
        return etaMin + (baseRate - etaMin) * (1 + Math.cos(Math.PI * e / tMax)) / 2;
    }

    /** Settings {@code t_max}, {@code eta_min}. */
    @Override
    protected void settings(Map<String, Double> out) {
        out.put("t_max", (double) tMax);
        out.put("eta_min", etaMin);
    }
}
